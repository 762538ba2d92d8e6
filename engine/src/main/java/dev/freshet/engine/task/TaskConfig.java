package dev.freshet.engine.task;

import dev.freshet.engine.error.InvalidInputException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A task's rendered {@code with:} block with typed getters. Every error names the task and the field, e.g.
 * {@code task 'train': with.alpha: expected a number, got 'abc'}.
 */
public final class TaskConfig {
    private final String taskId;
    private final String prefix;
    private final Map<String, Object> values;

    public TaskConfig(String taskId, Map<String, Object> values) {
        this(taskId, "with", values);
    }

    private TaskConfig(String taskId, String prefix, Map<String, Object> values) {
        this.taskId = taskId;
        this.prefix = prefix;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public boolean has(String key) {
        return values.get(key) != null;
    }

    public String string(String key) {
        return optString(key).orElseThrow(() -> error(key, "is required"));
    }

    public Optional<String> optString(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Map || value instanceof List) {
            throw error(key, "expected a text value, got " + describe(value));
        }
        return Optional.of(value.toString());
    }

    public String string(String key, String defaultValue) {
        return optString(key).orElse(defaultValue);
    }

    public double number(String key) {
        return optNumber(key).orElseThrow(() -> error(key, "is required"));
    }

    public double number(String key, double defaultValue) {
        return optNumber(key).orElse(defaultValue);
    }

    public Optional<Double> optNumber(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Number n) {
            return Optional.of(n.doubleValue());
        }
        try {
            double parsed = Double.parseDouble(value.toString().trim());
            if (!Double.isFinite(parsed)) {
                throw error(key, "expected a finite number, got '" + value + "'");
            }
            return Optional.of(parsed);
        } catch (NumberFormatException e) {
            throw error(key, "expected a number, got '" + value + "'");
        }
    }

    public int integer(String key, int defaultValue) {
        Optional<Double> value = optNumber(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        double d = value.get();
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw error(key, "expected a whole number, got '" + values.get(key) + "'");
        }
        return (int) d;
    }

    public boolean bool(String key, boolean defaultValue) {
        Object value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        return switch (value.toString().trim().toLowerCase()) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error(key, "expected true or false, got '" + value + "'");
        };
    }

    /** A nested block, e.g. {@code thresholds:}; empty when absent. */
    @SuppressWarnings("unchecked")
    public TaskConfig section(String key) {
        Object value = values.get(key);
        if (value == null) {
            return new TaskConfig(taskId, prefix + "." + key, Map.of());
        }
        if (value instanceof Map<?, ?> map) {
            return new TaskConfig(taskId, prefix + "." + key, (Map<String, Object>) map);
        }
        throw error(key, "expected a mapping, got " + describe(value));
    }

    public List<String> stringList(String key) {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(value.toString());
    }

    public InvalidInputException error(String key, String problem) {
        return new InvalidInputException("task '" + taskId + "': " + prefix + "." + key + ": " + problem);
    }

    private static String describe(Object value) {
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof List) {
            return "a list";
        }
        return "'" + value + "'";
    }
}
