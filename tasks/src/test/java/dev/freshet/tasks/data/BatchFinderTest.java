package dev.freshet.tasks.data;

import dev.freshet.engine.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Finding batch files (file, folder, glob) and choosing the newest ones or those in a window. */
class BatchFinderTest {

    private static final Instant DAY_1 = Instant.parse("2024-03-01T06:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aFileIsItsOwnOnlyBatch() throws IOException {
        Path file = batch("landing/a.csv", DAY_1);

        assertThat(BatchFinder.find(dir, "landing/a.csv"))
                .extracting(BatchFile::path)
                .containsExactly(file);
    }

    @Test
    void aFolderMeansItsCsvFilesButNotHiddenOnesOrOthers() throws IOException {
        Path a = batch("landing/a.csv", DAY_1);
        Path b = batch("landing/b.csv", DAY_1);
        batch("landing/.partial.csv", DAY_1);
        batch("landing/notes.txt", DAY_1);
        batch("landing/old/c.csv", DAY_1);

        assertThat(BatchFinder.find(dir, "landing")).extracting(BatchFile::path).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void aGlobMatchesRelativeToTheWorkflowFolderAndCanDescend() throws IOException {
        Path a = batch("landing/2024/part-1.csv", DAY_1);
        Path b = batch("landing/2025/part-2.csv", DAY_1);
        batch("landing/2025/other.csv", DAY_1);

        assertThat(BatchFinder.find(dir, "landing/*/part-*.csv"))
                .extracting(BatchFile::path)
                .containsExactlyInAnyOrder(a, b);
        assertThat(BatchFinder.find(dir, "landing/**/part-*.csv")).hasSize(2);
        assertThat(BatchFinder.find(dir, dir.resolve("landing").toString() + "/2024/*.csv"))
                .extracting(BatchFile::path)
                .containsExactly(a);
    }

    @Test
    void nothingToFindIsAnErrorNamingWhereItLooked() throws IOException {
        Files.createDirectories(dir.resolve("empty"));

        assertThatThrownBy(() -> BatchFinder.find(dir, "missing.csv"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(dir.resolve("missing.csv") + ": no such file or folder");
        assertThatThrownBy(() -> BatchFinder.find(dir, "empty"))
                .hasMessage(dir.resolve("empty") + ": the folder has no .csv or .parquet batch files");
        assertThatThrownBy(() -> BatchFinder.find(dir, "empty/*.csv"))
                .hasMessageStartingWith("empty/*.csv: no file matches");
    }

    @Test
    void newestTakesTheLastByModificationTimeThenName() throws IOException {
        Path day1 = batch("landing/z-day1.csv", DAY_1);
        Path day2a = batch("landing/b-day2.csv", DAY_1.plus(Duration.ofDays(1)));
        Path day2b = batch("landing/c-day2.csv", DAY_1.plus(Duration.ofDays(1)));
        Path day3 = batch("landing/a-day3.csv", DAY_1.plus(Duration.ofDays(2)));
        List<BatchFile> all = BatchFinder.find(dir, "landing");

        assertThat(BatchSelection.ALL.select(all, Instant.now(), "landing"))
                .extracting(BatchFile::path)
                .containsExactly(day1, day2a, day2b, day3);
        assertThat(new BatchSelection(2, null).select(all, Instant.now(), "landing"))
                .extracting(BatchFile::path)
                .containsExactly(day2b, day3);
    }

    @Test
    void aWindowEndsAtTheLogicalDateAndExcludesItsStart() throws IOException {
        batch("landing/d1.csv", DAY_1);
        Path d2 = batch("landing/d2.csv", DAY_1.plus(Duration.ofDays(1)));
        Path d3 = batch("landing/d3.csv", DAY_1.plus(Duration.ofDays(2)));
        batch("landing/d4.csv", DAY_1.plus(Duration.ofDays(3)));
        List<BatchFile> all = BatchFinder.find(dir, "landing");
        Instant logicalDate = DAY_1.plus(Duration.ofDays(2));

        assertThat(new BatchSelection(null, Duration.ofDays(2)).select(all, logicalDate, "landing"))
                .extracting(BatchFile::path)
                .containsExactly(d2, d3);
        assertThat(new BatchSelection(1, Duration.ofDays(2)).select(all, logicalDate, "landing"))
                .extracting(BatchFile::path)
                .containsExactly(d3);
    }

    @Test
    void anEmptyWindowNamesTheNewestBatchThereIs() throws IOException {
        Path d1 = batch("landing/d1.csv", DAY_1);
        List<BatchFile> all = BatchFinder.find(dir, "landing");

        assertThatThrownBy(() -> new BatchSelection(null, Duration.ofHours(6))
                        .select(all, DAY_1.plus(Duration.ofDays(5)), "landing"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no batch was modified in the window of PT6H ending at the run's logical date "
                        + "2024-03-06T06:00:00Z")
                .hasMessageContaining(d1 + ", was modified at 2024-03-01T06:00:00Z");
        assertThatThrownBy(() -> new BatchSelection(0, null)).isInstanceOf(InvalidInputException.class);
    }

    private Path batch(String name, Instant modified) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "a,b\n1,2\n");
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }
}
