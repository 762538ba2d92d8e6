package dev.freshet.engine.tracking;

import java.time.Instant;
import java.util.Objects;

/** One logged value of a metric; a metric's history is its points ordered by step. */
public record MetricPoint(String key, double value, long step, Instant timestamp) {
    public MetricPoint {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
