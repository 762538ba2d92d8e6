package dev.freshet.engine.workflow;

import dev.freshet.engine.error.InvalidInputException;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One workflow param: its default and, in the typed form, the rules a value given at trigger time must follow.
 *
 * @param type         null when the param was written in the simple form {@code alpha: 0.5}
 * @param defaultValue null when the param has no default (a trigger must then supply it)
 * @param minimum      null for no lower bound; only for numbers
 * @param maximum      null for no upper bound; only for numbers
 * @param enumValues   the allowed values; empty when any value is allowed
 * @param description  "" when there is none
 */
public record ParamSpec(
        String name,
        ParamType type,
        Object defaultValue,
        Number minimum,
        Number maximum,
        List<Object> enumValues,
        String description) {
    // Params are read in templates as {{ params.name }}, so a name must be an identifier there.
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public ParamSpec {
        nameProblem(name).ifPresent(message -> {
            throw new InvalidInputException(message);
        });
        if (minimum != null && maximum != null && minimum.doubleValue() > maximum.doubleValue()) {
            throw new InvalidInputException(
                    "param '" + name + "' has minimum " + minimum + " above its maximum " + maximum);
        }
        if ((minimum != null || maximum != null)
                && type != null
                && type != ParamType.NUMBER
                && type != ParamType.INTEGER) {
            throw new InvalidInputException("param '" + name + "' is of type " + type.yamlName()
                    + "; minimum and maximum are only for number and integer params");
        }
        defaultValue = Values.deepCopy(defaultValue);
        enumValues = enumValues == null ? List.of() : Values.deepCopyList(enumValues);
        description = description == null ? "" : description;
        if (defaultValue != null) {
            Optional<String> problem = violation(type, minimum, maximum, enumValues, defaultValue);
            if (problem.isPresent()) {
                throw new InvalidInputException("the default of param '" + name + "' " + problem.get());
            }
        }
    }

    static Optional<String> nameProblem(String name) {
        if (name != null && NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.of("param name '" + name + "' must start with a letter or '_' and contain only letters, digits"
                + " and '_', as it is used in templates as {{ params.name }}");
    }

    /** A param in the simple form {@code name: default}. */
    public static ParamSpec untyped(String name, Object defaultValue) {
        return new ParamSpec(name, null, defaultValue, null, null, List.of(), "");
    }

    /** Why {@code value} is not acceptable for this param (e.g. "must be a number, got 'abc'"), or empty if it is. */
    public Optional<String> violation(Object value) {
        return violation(type, minimum, maximum, enumValues, value);
    }

    // Static because the compact constructor checks the default before the fields are set.
    private static Optional<String> violation(
            ParamType type, Number minimum, Number maximum, List<Object> enumValues, Object value) {
        if (value == null) {
            return Optional.of("must not be null");
        }
        if (type != null && !type.accepts(value)) {
            return Optional.of("must be of type " + type.yamlName() + ", got " + quoted(value));
        }
        if (minimum != null || maximum != null) {
            if (!(value instanceof Number number)) {
                return Optional.of("must be a number, got " + quoted(value));
            }
            if (minimum != null && number.doubleValue() < minimum.doubleValue()) {
                return Optional.of("must be at least " + minimum + ", got " + value);
            }
            if (maximum != null && number.doubleValue() > maximum.doubleValue()) {
                return Optional.of("must be at most " + maximum + ", got " + value);
            }
        }
        if (!enumValues.isEmpty() && enumValues.stream().noneMatch(allowed -> sameValue(allowed, value))) {
            return Optional.of("must be one of " + enumValues + ", got " + quoted(value));
        }
        return Optional.empty();
    }

    // 1 and 1.0 are the same value to a person typing a param; Long.equals(Double) says otherwise.
    private static boolean sameValue(Object allowed, Object value) {
        if (allowed instanceof Number a && value instanceof Number b) {
            return Double.compare(a.doubleValue(), b.doubleValue()) == 0;
        }
        return Objects.equals(allowed, value);
    }

    private static String quoted(Object value) {
        return value instanceof String ? "'" + value + "'" : String.valueOf(value);
    }
}
