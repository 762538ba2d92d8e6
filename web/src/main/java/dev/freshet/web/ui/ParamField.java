package dev.freshet.web.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.engine.workflow.ParamSpec;
import dev.freshet.engine.workflow.ParamType;

import java.util.List;
import java.util.Map;

/**
 * One input of a workflow's trigger form, made from its {@link ParamSpec}: a select for an enum or a boolean, a
 * number input with min/max for numbers, a JSON text area for arrays and objects, a text input otherwise.
 *
 * @param kind  select, number, json or text
 * @param value what the input shows: the submitted text after an error, else the default
 */
public record ParamField(
        String name,
        String inputName,
        String kind,
        String typeName,
        String value,
        List<Option> options,
        String min,
        String max,
        String step,
        String description,
        boolean required) {
    static final String PREFIX = "param.";
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Option(String value, boolean selected) {}

    static ParamField of(ParamSpec spec, Map<String, String> submitted) {
        String value = submitted.containsKey(spec.name()) ? submitted.get(spec.name()) : text(spec.defaultValue());
        String kind = kind(spec);
        List<Option> options = switch (kind) {
            case "select" -> {
                List<Object> allowed = spec.enumValues().isEmpty() ? List.of(true, false) : spec.enumValues();
                yield allowed.stream()
                        .map(ParamField::text)
                        .map(v -> new Option(v, v.equals(value)))
                        .toList();
            }
            default -> List.of();
        };
        String step = effectiveType(spec) == ParamType.INTEGER ? "1" : "any";
        return new ParamField(
                spec.name(),
                PREFIX + spec.name(),
                kind,
                effectiveType(spec) == null ? "text" : effectiveType(spec).yamlName(),
                value,
                options,
                spec.minimum() == null ? null : spec.minimum().toString(),
                spec.maximum() == null ? null : spec.maximum().toString(),
                step,
                spec.description(),
                spec.defaultValue() == null);
    }

    /** The declared type, or for a param written as {@code name: default}, the type of its default. */
    static ParamType effectiveType(ParamSpec spec) {
        if (spec.type() != null) {
            return spec.type();
        }
        Object d = spec.defaultValue();
        if (d instanceof Long || d instanceof Integer) {
            return ParamType.INTEGER;
        }
        if (d instanceof Number) {
            return ParamType.NUMBER;
        }
        if (d instanceof Boolean) {
            return ParamType.BOOLEAN;
        }
        if (d instanceof List<?>) {
            return ParamType.ARRAY;
        }
        if (d instanceof Map<?, ?>) {
            return ParamType.OBJECT;
        }
        return spec.type();
    }

    private static String kind(ParamSpec spec) {
        ParamType type = effectiveType(spec);
        if (!spec.enumValues().isEmpty() || type == ParamType.BOOLEAN) {
            return "select";
        }
        if (type == ParamType.NUMBER || type == ParamType.INTEGER) {
            return "number";
        }
        if (type == ParamType.ARRAY || type == ParamType.OBJECT) {
            return "json";
        }
        return "text";
    }

    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            try {
                return JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                return String.valueOf(value);
            }
        }
        return String.valueOf(value);
    }
}
