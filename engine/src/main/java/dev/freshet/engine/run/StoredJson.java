package dev.freshet.engine.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;

/**
 * The JSON documents the run's rows keep (a run's conf and params, a try's outputs, an event's payload): each at most
 * {@link #MAX_CHARS} characters, the size of their columns.
 */
final class StoredJson {
    static final int MAX_CHARS = 100_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredJson() {}

    /** The length of {@code value} written as the store writes it. */
    static int length(Map<String, ?> value) throws JsonProcessingException {
        return JSON.writeValueAsString(value).length();
    }
}
