package dev.freshet.engine.tracking;

import java.time.Instant;
import java.util.Objects;

/**
 * A file a run produced, addressed as {@code runs:/RUN_ID/PATH}; {@code location} is where the artifact store keeps it
 * (a {@code file:} or {@code s3://} URI; a plain path in rows written before).
 */
public record Artifact(
        String runId, String path, String taskId, String location, String sha256, long sizeBytes, Instant createdAt) {
    public Artifact {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(sha256, "sha256");
    }

    public String uri() {
        return "runs:/" + runId + "/" + path;
    }
}
