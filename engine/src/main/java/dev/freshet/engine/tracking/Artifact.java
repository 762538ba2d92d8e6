package dev.freshet.engine.tracking;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/** A file a run produced, addressed as {@code runs:/RUN_ID/PATH}. */
public record Artifact(
        String runId, String path, String taskId, Path file, String sha256, long sizeBytes, Instant createdAt) {
    public Artifact {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
    }

    public String uri() {
        return "runs:/" + runId + "/" + path;
    }
}
