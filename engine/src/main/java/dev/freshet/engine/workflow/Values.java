package dev.freshet.engine.workflow;

import dev.freshet.engine.error.InvalidInputException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep, ordered, unmodifiable copies of the plain values a YAML file holds (maps, lists, scalars, nulls). */
final class Values {
    private Values() {}

    static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            return deepCopyMap(map);
        }
        if (value instanceof List<?> list) {
            return deepCopyList(list);
        }
        return value;
    }

    /** Like {@link Map#copyOf} but keeps the order and allows null values (a YAML {@code key: ~}). */
    static Map<String, Object> deepCopyMap(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (!(key instanceof String name)) {
                throw new InvalidInputException("map keys must be strings, got " + key);
            }
            copy.put(name, deepCopy(value));
        });
        return Collections.unmodifiableMap(copy);
    }

    static List<Object> deepCopyList(List<?> list) {
        List<Object> copy = new ArrayList<>(list.size());
        list.forEach(element -> copy.add(deepCopy(element)));
        return Collections.unmodifiableList(copy);
    }
}
