package dev.freshet.engine.task;

import dev.freshet.engine.events.EventKind;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** An event a try raised; the engine writes it, about the try's run, with the try's outcome. */
public record TaskEvent(EventKind kind, Map<String, Object> payload) {
    public TaskEvent {
        Objects.requireNonNull(kind, "kind");
        payload = Collections.unmodifiableMap(new LinkedHashMap<>(payload));
    }
}
