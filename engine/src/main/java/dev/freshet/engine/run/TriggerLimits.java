package dev.freshet.engine.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.freshet.engine.error.InvalidInputException;

import java.util.Arrays;
import java.util.Map;

/**
 * The sizes a trigger's conf and the params bound from it may have, as the run's rows store them: the conf and the
 * params each as a JSON document of at most {@link #MAX_JSON_CHARS}, each param's name and value as text of at most
 * {@link #MAX_PARAM_KEY_CHARS} and {@link #MAX_PARAM_VALUE_CHARS} (MLflow's params are of that order too). Checked
 * before a run exists, so a client gets a 400 naming the field and the limit.
 */
final class TriggerLimits {
    static final int MAX_JSON_CHARS = StoredJson.MAX_CHARS;
    static final int MAX_PARAM_KEY_CHARS = 250;
    static final int MAX_PARAM_VALUE_CHARS = 8_000;
    /** Levels of objects and arrays in a conf, itself the first: deeper confs break clients that read runs back. */
    static final int MAX_CONF_DEPTH = 32;

    private TriggerLimits() {}

    static void check(Map<String, Object> conf, Map<String, Object> params) {
        int depth = depth(conf, 1);
        if (depth > MAX_CONF_DEPTH) {
            throw new InvalidInputException("conf: nested more than " + MAX_CONF_DEPTH + " levels deep; at most "
                    + MAX_CONF_DEPTH + " are allowed");
        }
        checkJson("conf", conf);
        params.forEach((key, value) -> {
            if (key.length() > MAX_PARAM_KEY_CHARS) {
                throw new InvalidInputException("conf: a param name of " + key.length() + " characters ('"
                        + key.substring(0, 40) + "…'); at most " + MAX_PARAM_KEY_CHARS + " are allowed");
            }
            int length = String.valueOf(value).length();
            if (length > MAX_PARAM_VALUE_CHARS) {
                throw new InvalidInputException("conf." + key + ": the value is " + length
                        + " characters; a param value may be at most " + MAX_PARAM_VALUE_CHARS);
            }
        });
        checkJson("params (the workflow's defaults with the conf over them)", params);
    }

    /** The depth of a value at {@code level}, looked into no further than one level past the limit. */
    private static int depth(Object value, int level) {
        Iterable<?> children;
        if (value instanceof Map<?, ?> map) {
            children = map.values();
        } else if (value instanceof Iterable<?> list) {
            children = list;
        } else if (value instanceof Object[] array) {
            children = Arrays.asList(array);
        } else {
            return level - 1;
        }
        if (level > MAX_CONF_DEPTH) {
            return level;
        }
        int deepest = level;
        for (Object child : children) {
            deepest = Math.max(deepest, depth(child, level + 1));
            if (deepest > MAX_CONF_DEPTH) {
                break;
            }
        }
        return deepest;
    }

    private static void checkJson(String what, Map<String, Object> value) {
        int length;
        try {
            length = StoredJson.length(value);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(what + ": cannot be written as JSON: " + e.getOriginalMessage());
        }
        if (length > MAX_JSON_CHARS) {
            throw new InvalidInputException(
                    what + " is " + length + " characters as JSON; at most " + MAX_JSON_CHARS + " are allowed");
        }
    }
}
