package dev.freshet.engine.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The served version of a model has decayed: its realized {@code metric} over {@code labels} labelled predictions
 * crossed {@code threshold}.
 */
public record DecayDetected(String model, int version, String metric, double realized, double threshold, long labels) {
    public DecayDetected {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(metric, "metric");
    }

    /** The event; append it with the change that acted on the decay (a triggered run), or on its own. */
    public Event toEvent(Instant now) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("metric", metric);
        payload.put("realized", realized);
        payload.put("threshold", threshold);
        payload.put("labels", labels);
        return Event.create(EventKind.DECAY_DETECTED, now, EventSubject.modelVersion(model, version), payload);
    }
}
