package dev.freshet.engine.task;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What a successful try leaves for its downstream tasks: a small JSON-able map (URIs, counts, flags), never payloads. */
public record TaskResult(Map<String, Object> outputs) {
    public TaskResult {
        Objects.requireNonNull(outputs, "outputs");
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    public static TaskResult empty() {
        return new TaskResult(Map.of());
    }

    public static TaskResult of(Map<String, Object> outputs) {
        return new TaskResult(outputs);
    }
}
