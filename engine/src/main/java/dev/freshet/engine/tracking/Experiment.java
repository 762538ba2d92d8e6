package dev.freshet.engine.tracking;

import java.time.Instant;
import java.util.Objects;

public record Experiment(long id, String name, Instant createdAt) {
    public Experiment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
