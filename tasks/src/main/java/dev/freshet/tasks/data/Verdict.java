package dev.freshet.tasks.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The outcome of one check; written as "pass" or "fail" in JSON. */
public enum Verdict {
    PASS,
    FAIL;

    public static Verdict of(boolean passed) {
        return passed ? PASS : FAIL;
    }

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Verdict fromJson(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
