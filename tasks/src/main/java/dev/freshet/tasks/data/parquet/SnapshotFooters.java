package dev.freshet.tasks.data.parquet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The footers of the last few snapshot files written or opened in this process. Ingest, validate, train and
 * evaluate each open the same snapshot, and decoding its footer's thousands of column chunks took a tenth of a second
 * for the first of them; the writer hands over the footer it wrote, so none of them decodes it. A footer is only
 * taken for the very file it came from: same path, file key (inode), size and modification time.
 */
final class SnapshotFooters {

    private static final int KEPT = 4;

    /** The file a footer belongs to, as the file system tells it apart. */
    record Key(Path file, Object fileKey, long size, FileTime modified) {
        /** Whether {@code other} names the same bytes, wherever it lies (a rename keeps all three). */
        boolean sameFileAs(Key other) {
            return fileKey.equals(other.fileKey) && size == other.size && modified.equals(other.modified);
        }
    }

    private static final Map<Path, Entry> FOOTERS = new LinkedHashMap<>(KEPT * 2, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Entry> eldest) {
            return size() > KEPT;
        }
    };

    private record Entry(Key key, SnapshotFooter footer) {}

    private SnapshotFooters() {}

    /** The footer kept for the file {@code key} names, if it is still that file. */
    static Optional<SnapshotFooter> of(Key key) {
        synchronized (FOOTERS) {
            Entry entry = FOOTERS.get(key.file());
            return entry != null && entry.key().equals(key) ? Optional.of(entry.footer()) : Optional.empty();
        }
    }

    /** The footer kept for {@code file} as it is now, if any. */
    static Optional<SnapshotFooter> of(Path file) {
        return key(file).flatMap(SnapshotFooters::of);
    }

    /** Keeps {@code footer} for the file {@code key} names. */
    static void keep(Key key, SnapshotFooter footer) {
        synchronized (FOOTERS) {
            FOOTERS.put(key.file(), new Entry(key, footer));
        }
    }

    /** Forgets every footer (tests). */
    static void clear() {
        synchronized (FOOTERS) {
            FOOTERS.clear();
        }
    }

    /** What tells {@code file} apart now; empty when it cannot be read. */
    static Optional<Key> key(Path file) {
        try {
            Path absolute = file.toAbsolutePath().normalize();
            BasicFileAttributes attributes = Files.readAttributes(absolute, BasicFileAttributes.class);
            Object fileKey = Objects.requireNonNullElse(attributes.fileKey(), "");
            return Optional.of(new Key(absolute, fileKey, attributes.size(), attributes.lastModifiedTime()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
