package dev.freshet.web.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Airflow's collection shape: {@code {"<name>": [...], "total_entries": N}}. */
final class CollectionBody {
    private CollectionBody() {}

    static Map<String, Object> of(String name, List<?> items, long totalEntries) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(name, items);
        body.put("total_entries", totalEntries);
        return body;
    }
}
