package dev.freshet.tasks.data;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/** A batch of data as it sits in the landing folder: its file and when it was last modified. */
public record BatchFile(Path path, Instant modified) {

    /** Oldest first; files modified at the same instant in name order. */
    public static final Comparator<BatchFile> OLDEST_FIRST = Comparator.comparing(BatchFile::modified)
            .thenComparing(b -> b.path().toString());

    public BatchFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(modified, "modified");
    }
}
