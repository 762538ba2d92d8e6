package dev.freshet.tasks.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.freshet.engine.error.InvalidInputException;

import java.util.Locale;

/** The type of a column's values: any finite number, or a whole number. */
public enum ColumnType {
    NUMBER,
    INTEGER;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ColumnType fromJson(String text) {
        return switch (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)) {
            case "number", "double", "float" -> NUMBER;
            case "integer", "int" -> INTEGER;
            default -> throw new InvalidInputException("unknown column type '" + text + "'; use number or integer");
        };
    }

    public boolean accepts(double value) {
        return this == NUMBER || value == Math.rint(value);
    }
}
