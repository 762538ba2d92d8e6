package dev.freshet.tasks.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.freshet.engine.error.InvalidInputException;

import java.util.Locale;

/** What a check that does not hold does to the gate: {@code fail} stops the run, {@code warn} only reports. */
public enum Severity {
    FAIL,
    WARN;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Severity fromJson(String text) {
        return switch (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)) {
            case "fail" -> FAIL;
            case "warn" -> WARN;
            default -> throw new InvalidInputException("unknown severity '" + text + "'; use fail or warn");
        };
    }
}
