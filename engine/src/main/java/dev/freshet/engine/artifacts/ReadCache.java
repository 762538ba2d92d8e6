package dev.freshet.engine.artifacts;

import dev.freshet.engine.error.FreshetException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Local copies of remote artifacts, addressed by their content's sha256 (an artifact never changes, so a copy is
 * never stale) and kept under their file name ({@code ab/abcd…/data.parquet}: readers tell formats by extension), bounded in bytes: past the bound, the copies used longest ago go first. A file's modification time
 * is its last use. A copy being read when it is evicted stays readable to whoever has it open (POSIX unlink).
 */
final class ReadCache {
    private final Path dir;
    private final long maxBytes;

    ReadCache(Path dir, long maxBytes) {
        this.dir = dir.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
    }

    Path dir() {
        return dir;
    }

    Optional<Path> get(String sha256, String name) {
        Path file = pathOf(sha256, name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } catch (IOException e) {
            return Optional.empty(); // evicted meanwhile
        }
        return Optional.of(file);
    }

    /** A fresh path (no file yet) in the cache's folder, for a download that {@link #add} then moves in. */
    Path newTempFile() {
        try {
            Files.createDirectories(dir);
            return dir.resolve("download-" + UUID.randomUUID() + ".part");
        } catch (IOException e) {
            throw new FreshetException("cannot write to the artifact cache " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Moves a downloaded file in as the copy of {@code sha256}. */
    Path add(String sha256, String name, Path downloaded) {
        Path target = pathOf(sha256, name);
        try {
            Files.createDirectories(target.getParent());
            Files.move(downloaded, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new FreshetException("cannot write to the artifact cache " + dir + ": " + e.getMessage(), e);
        }
        evictBeyondBound(target);
        return target;
    }

    /**
     * Keeps a copy of a file this node has just stored as the copy of {@code sha256}. A copy, not a hard link: a retry
     * of the task rewrites its file in place, which would change a linked copy under its old hash.
     */
    void adopt(String sha256, Path file) {
        Path target = pathOf(sha256, file.getFileName().toString());
        if (Files.isRegularFile(target)) {
            return;
        }
        try {
            Files.createDirectories(target.getParent());
            Path temp = newTempFile();
            Files.copy(file, temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new FreshetException("cannot write to the artifact cache " + dir + ": " + e.getMessage(), e);
        }
        evictBeyondBound(target);
    }

    private Path pathOf(String sha256, String name) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new FreshetException("artifact sha256 '" + sha256 + "' is not 64 lower-case hex digits");
        }
        if (name.isEmpty() || name.contains("/") || name.equals("..") || name.equals(".")) {
            throw new FreshetException("artifact file name '" + name + "' is not a plain file name");
        }
        return dir.resolve(sha256.substring(0, 2)).resolve(sha256).resolve(name);
    }

    private synchronized void evictBeyondBound(Path keep) {
        record Entry(Path file, long size, FileTime used) {}
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir, 3)) {
            files.filter(f -> f.getParent() != null && !f.getParent().equals(dir) && Files.isRegularFile(f))
                    .forEach(f -> {
                        try {
                            entries.add(new Entry(f, Files.size(f), Files.getLastModifiedTime(f)));
                        } catch (IOException gone) {
                            // evicted by another thread of this node meanwhile
                        }
                    });
        } catch (IOException | UncheckedIOException e) {
            return;
        }
        long total = entries.stream().mapToLong(Entry::size).sum();
        entries.sort(Comparator.comparing(Entry::used));
        for (Entry e : entries) {
            if (total <= maxBytes) {
                return;
            }
            if (e.file().equals(keep)) {
                continue;
            }
            try {
                Files.deleteIfExists(e.file());
                total -= e.size();
                Files.deleteIfExists(e.file().getParent());
            } catch (IOException ignored) {
                // in use elsewhere or gone; the next eviction tries again
            }
        }
    }
}
