package dev.freshet.web.api;

import dev.freshet.engine.tracking.ModelVersion;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A registered model version with the aliases that point at it. */
public record ModelVersionView(
        String name,
        int version,
        String runId,
        String source,
        Map<String, Double> metrics,
        Map<String, Object> lineage,
        Instant createdAt,
        List<String> aliases) {

    public static ModelVersionView of(ModelVersion version, List<String> aliases) {
        return new ModelVersionView(
                version.name(),
                version.version(),
                version.runId(),
                version.sourceUri(),
                version.metrics(),
                version.lineage(),
                version.createdAt(),
                aliases);
    }
}
