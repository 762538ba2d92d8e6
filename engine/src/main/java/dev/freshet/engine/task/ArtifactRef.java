package dev.freshet.engine.task;

import java.nio.file.Path;
import java.util.Objects;

/** A stored artifact: its run-relative name, its {@code runs:/RUN/NAME} URI, the file and its sha256. */
public record ArtifactRef(String name, String uri, Path file, String sha256, long sizeBytes) {
    public ArtifactRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
    }
}
