package dev.freshet.engine.trigger;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A file a trigger's glob matches, with what tells whether it is still being written.
 *
 * @param path as the glob matched it, with {@code /} separators, e.g. {@code landing/batch-7.csv}
 * @param file where it is
 */
record LandedFile(String path, Path file, long size, Instant modified) {

    /** Whether {@code other} is the same file with the same size and modification time. */
    boolean sameAs(LandedFile other) {
        return other != null && path.equals(other.path) && size == other.size && modified.equals(other.modified);
    }
}
