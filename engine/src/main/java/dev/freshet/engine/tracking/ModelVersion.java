package dev.freshet.engine.tracking;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A registered version of a model: the run that produced it, where its file is, its metrics on the evaluation
 * holdout, and its lineage (workflow hash, dataset sha256, params, what it replaced).
 */
public record ModelVersion(
        String name,
        int version,
        String runId,
        String sourceUri,
        Map<String, Double> metrics,
        Map<String, Object> lineage,
        Instant createdAt) {
    public ModelVersion {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(sourceUri, "sourceUri");
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        lineage = Collections.unmodifiableMap(new LinkedHashMap<>(lineage));
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, was " + version);
        }
    }

    public String uri() {
        return "models:/" + name + "/" + version;
    }
}
