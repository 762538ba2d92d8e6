package dev.freshet.tasks.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.freshet.engine.error.InvalidInputException;

import java.util.Arrays;
import java.util.Locale;

/**
 * The outcome of one check; written as "pass", "warn", "fail" or "skip" in JSON. A check that does not hold gets
 * its severity as verdict: {@code fail} stops the gate, {@code warn} is reported and lets the data through.
 */
public enum Verdict {
    PASS,
    WARN,
    FAIL,
    /** The check could not be made, e.g. drift when there is no champion to compare with yet. */
    SKIP;

    public static Verdict of(boolean holds, Severity severity) {
        if (holds) {
            return PASS;
        }
        return severity == Severity.FAIL ? FAIL : WARN;
    }

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Verdict fromJson(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("unknown verdict '" + text + "'; known: "
                    + Arrays.stream(values()).map(Verdict::jsonName).toList());
        }
    }
}
