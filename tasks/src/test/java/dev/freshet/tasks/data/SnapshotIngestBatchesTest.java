package dev.freshet.tasks.data;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.tracking.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How ingest unions CSV batches: where each batch's rows sit, and the batches it refuses, naming file and line. */
class SnapshotIngestBatchesTest {

    @TempDir
    Path dir;

    private final SnapshotIngest ingest = new SnapshotIngest(message -> {});

    @Test
    void concatenatesBatchesUnderOneHeaderAndRecordsWhereEachBatchSits() throws IOException {
        BatchFile a = batch("a.csv", "x,y\n1,2\n3,4\n");
        BatchFile b = batch("b.csv", "x,y\r\n5,6\r\n\r\n7,8"); // CRLF, a blank line, no final line break
        BatchFile c = batch("c.csv", "\uFEFFx,y\n9,10\n");
        Path target = dir.resolve("union.parquet");

        SnapshotIngest.Result result = ingest.write(List.of(a, b, c), null, target);
        DatasetManifest manifest = result.manifest();

        try (SnapshotReader reader = SnapshotReader.open(target)) {
            assertThat(reader.next()).isTrue();
            assertThat(reader.values()[0]).startsWith(1, 3, 5, 7, 9);
        }
        assertThat(result.scan().lines().line(3)).isEqualTo(6);
        assertThat(manifest.columns()).containsExactly("x", "y");
        assertThat(manifest.rows()).isEqualTo(5);
        assertThat(manifest.batches()).extracting(BatchSpan::rows).containsExactly(2, 2, 1);
        assertThat(manifest.batches()).extracting(BatchSpan::firstRow).containsExactly(0, 2, 4);
        assertThat(manifest.batches()).extracting(BatchSpan::firstLine).containsExactly(2, 4, 7);
        assertThat(manifest.batches().get(1).sha256()).isEqualTo(Sha256.of(b.path()));
        // line 6 of the union ("7,8") is line 4 of b.csv
        assertThat(new RowLocator(target.toString(), manifest.batches()).describe(6, 3))
                .isEqualTo(b.path() + ":4 (row 2)");
    }

    @Test
    void aHeaderMismatchNamesTheFileTheLineAndTheDifference() throws IOException {
        BatchFile a = batch("a.csv", "x,y,z\n1,2,3\n");
        BatchFile b = batch("b.csv", "x,z,w\n1,2,3\n");
        BatchFile c = batch("c.csv", "z,y,x\n1,2,3\n");

        assertThatThrownBy(() -> ingest.write(List.of(a, b), null, dir.resolve("u.parquet")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(b.path() + ":1: header does not match the first batch's (" + a.path()
                        + "): missing 'y'; unexpected 'w'");
        assertThatThrownBy(() -> ingest.write(List.of(a, c), null, dir.resolve("u.parquet")))
                .hasMessageEndingWith("the same columns in another order [z, y, x]");
    }

    @Test
    void emptyHeaderOnlyAndBrokenBatchesFailNamingFileAndLine() throws IOException {
        BatchFile good = batch("good.csv", "x,y\n1,2\n");
        BatchFile empty = batch("empty.csv", "");
        BatchFile headerOnly = batch("header.csv", "x,y\n");
        BatchFile broken = batch("broken.csv", "x,y\n1,2\n3,\"4\n");

        assertThatThrownBy(() -> ingest.write(List.of(good, empty), null, dir.resolve("u.parquet")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("cannot ingest " + empty.path() + ": file is empty, expected a header row of column names");
        assertThatThrownBy(() -> ingest.write(List.of(headerOnly), null, dir.resolve("u.parquet")))
                .hasMessage("cannot ingest " + headerOnly.path() + ":1: it has a header but no data rows");
        assertThatThrownBy(() -> ingest.write(List.of(good, broken), null, dir.resolve("u.parquet")))
                .hasMessageStartingWith("cannot ingest " + broken.path() + ":3: broken CSV syntax");
        Path missing = dir.resolve("gone.csv");
        assertThatThrownBy(() ->
                        ingest.write(List.of(new BatchFile(missing, Instant.EPOCH)), null, dir.resolve("u.parquet")))
                .hasMessage("cannot ingest " + missing + ": file not found");
    }

    private BatchFile batch(String name, String content) throws IOException {
        return new BatchFile(Files.writeString(dir.resolve(name), content), Instant.EPOCH);
    }
}
