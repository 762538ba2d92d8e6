package dev.freshet.engine.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.engine.error.FreshetException;

import java.util.LinkedHashMap;
import java.util.Map;

/** The small JSON documents kept in VARCHAR columns (conf, params, outputs, metrics, lineage). */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
    private static final TypeReference<LinkedHashMap<String, Double>> DOUBLES = new TypeReference<>() {};

    private Json() {}

    static String write(Map<String, ?> value) {
        try {
            return MAPPER.writeValueAsString(value == null ? Map.of() : value);
        } catch (JsonProcessingException e) {
            throw new FreshetException("cannot store as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static Map<String, Object> read(String json) {
        if (json == null || json.isBlank() || json.equals("{}")) {
            return Map.of();
        }
        try {
            return MAPPER.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new FreshetException("stored JSON is corrupt: " + e.getOriginalMessage(), e);
        }
    }

    static Map<String, Double> readDoubles(String json) {
        try {
            return MAPPER.readValue(json, DOUBLES);
        } catch (JsonProcessingException e) {
            throw new FreshetException("stored JSON is corrupt: " + e.getOriginalMessage(), e);
        }
    }
}
