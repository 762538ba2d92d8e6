package dev.freshet.engine.tracking;

import java.nio.file.Path;

/**
 * Where run artifacts are kept so that every node sees them (implemented in engine.artifacts: a folder, or an S3
 * bucket). A task writes its files under {@link #stagingRoot()}; logging one stores it under a key and records the
 * location this returns; any node turns that location back into a local file with {@link #localCopy}.
 */
public interface ArtifactStore extends AutoCloseable {

    /** The setting this store was opened from, e.g. {@code file:/srv/freshet/artifacts} or {@code s3://b/p}. */
    String root();

    /** The local folder tasks write their artifacts into: {@code <staging>/<run>/<task>/}. */
    Path stagingRoot();

    /**
     * Stores {@code file} (under {@link #stagingRoot()}) as {@code key} ({@code run/task/name}, slash-separated);
     * returns its location, a {@code file:} or {@code s3://} URI.
     */
    String put(String key, Path file, String sha256);

    /** A local file with the content stored at {@code location} (a download into the read cache when remote). */
    Path localCopy(String location, String sha256);

    @Override
    default void close() {}
}
