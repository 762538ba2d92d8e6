package dev.freshet.engine.artifacts;

import dev.freshet.engine.tracking.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ReadCacheTest {
    @TempDir
    Path dir;

    @Test
    void aCopyIsFoundByItsContentsHash() throws IOException {
        ReadCache cache = new ReadCache(dir.resolve("cache"), 1024);
        Path written = Files.writeString(dir.resolve("model.json"), "{\"w\": 1}");
        String sha = Sha256.of(written);
        assertThat(cache.get(sha, "model.json")).isEmpty();

        cache.adopt(sha, written);

        assertThat(cache.get(sha, "model.json"))
                .hasValueSatisfying(p -> assertThat(p)
                        .hasFileName("model.json") // readers tell a Parquet snapshot from CSV by its extension
                        .hasSameTextualContentAs(written));
    }

    @Test
    void aTaskRewritingItsFileOnARetryLeavesTheCopyOfTheFirstTryIntact() throws IOException {
        ReadCache cache = new ReadCache(dir.resolve("cache"), 1024);
        Path written = Files.writeString(dir.resolve("model.json"), "{\"try\": 1}");
        String first = Sha256.of(written);
        cache.adopt(first, written);

        Files.writeString(written, "{\"try\": 2}"); // truncates and rewrites the same file

        assertThat(cache.get(first, "model.json"))
                .hasValueSatisfying(p -> assertThat(p).hasContent("{\"try\": 1}"));
    }

    @Test
    void pastItsBoundTheCopyUsedLongestAgoGoesFirst() throws IOException {
        ReadCache cache = new ReadCache(dir.resolve("cache"), 250);
        String old = add(cache, "a", 100, Instant.parse("2026-01-01T00:00:00Z"));
        String used = add(cache, "b", 100, Instant.parse("2026-01-02T00:00:00Z"));
        assertThat(cache.get(old, "a.bin")).isPresent(); // used now: the newest

        String fresh = add(cache, "c", 100, null);

        assertThat(cache.get(used, "b.bin")).isEmpty();
        assertThat(cache.get(old, "a.bin")).isPresent();
        assertThat(cache.get(fresh, "c.bin")).isPresent();
    }

    @Test
    void aCopyLargerThanTheBoundIsStillKeptUntilTheNextOne() throws IOException {
        ReadCache cache = new ReadCache(dir.resolve("cache"), 10);
        String big = add(cache, "x", 100, null);
        assertThat(cache.get(big, "x.bin")).isPresent();

        add(cache, "y", 100, null);

        assertThat(cache.get(big, "x.bin")).isEmpty();
    }

    private static String add(ReadCache cache, String fill, int bytes, Instant used) throws IOException {
        Path download = cache.newTempFile();
        Files.writeString(download, fill.repeat(bytes));
        String sha = Sha256.of(download);
        Path copy = cache.add(sha, fill + ".bin", download);
        if (used != null) {
            Files.setLastModifiedTime(copy, FileTime.from(used));
        }
        return sha;
    }
}
