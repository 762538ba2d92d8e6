package dev.freshet.engine.workflow;

import dev.freshet.engine.error.InvalidInputException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON-schema-like types a typed workflow param may declare ({@code type: number}). */
public enum ParamType {
    STRING,
    NUMBER,
    INTEGER,
    BOOLEAN,
    ARRAY,
    OBJECT;

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ParamType fromYaml(String name) {
        List<String> names = Arrays.stream(values()).map(ParamType::yamlName).toList();
        if (name != null && names.contains(name)) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
        throw new InvalidInputException(
                "unknown param type '" + name + "'" + Spelling.hint(String.valueOf(name), names, "allowed"));
    }

    /** Whether a non-null value, as YAML or JSON would give it, is of this type. */
    public boolean accepts(Object value) {
        return switch (this) {
            case STRING -> value instanceof String;
            case NUMBER -> value instanceof Number;
            case INTEGER ->
                value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
            case BOOLEAN -> value instanceof Boolean;
            case ARRAY -> value instanceof List<?>;
            case OBJECT -> value instanceof Map<?, ?>;
        };
    }
}
