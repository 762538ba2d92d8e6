package dev.freshet.tasks.data;

import dev.freshet.engine.InvalidInputException;
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

class CsvUnionTest {

    @TempDir
    Path dir;

    private final CsvUnion union = new CsvUnion();

    @Test
    void concatenatesBatchesUnderOneHeaderAndRecordsWhereEachBatchSits() throws IOException {
        BatchFile a = batch("a.csv", "x,y\n1,2\n3,4\n");
        BatchFile b = batch("b.csv", "x,y\r\n5,6\r\n\r\n7,8"); // CRLF, a blank line, no final line break
        BatchFile c = batch("c.csv", "\uFEFFx,y\n9,10\n");
        Path target = dir.resolve("union.csv");

        DatasetManifest manifest = union.write(List.of(a, b, c), target);

        assertThat(Files.readString(target)).isEqualTo("x,y\n1,2\n3,4\n5,6\r\n\r\n7,8\n9,10\n");
        assertThat(manifest.columns()).containsExactly("x", "y");
        assertThat(manifest.rows()).isEqualTo(5);
        assertThat(manifest.batches()).extracting(BatchSpan::rows).containsExactly(2, 2, 1);
        assertThat(manifest.batches()).extracting(BatchSpan::firstRow).containsExactly(0, 2, 4);
        assertThat(manifest.batches()).extracting(BatchSpan::firstLine).containsExactly(2, 4, 7);
        assertThat(manifest.batches().get(1).sha256()).isEqualTo(Sha256.of(b.path()));
        // line 6 of the union ("7,8") is line 4 of b.csv
        assertThat(new RowLocator(target.toString(), manifest.batches()).describe(6, 3))
                .isEqualTo(b.path() + ":4 (row 2)");
        assertThat(new CsvTableReader().read(target).rowCount()).isEqualTo(5);
    }

    @Test
    void aSingleBatchIsCopiedByteForByte() throws IOException {
        BatchFile only = batch("only.csv", "x,y\n1,2\n");
        Path target = dir.resolve("union.csv");

        union.write(List.of(only), target);

        assertThat(Sha256.of(target)).isEqualTo(Sha256.of(only.path()));
    }

    @Test
    void aHeaderMismatchNamesTheFileTheLineAndTheDifference() throws IOException {
        BatchFile a = batch("a.csv", "x,y,z\n1,2,3\n");
        BatchFile b = batch("b.csv", "x,z,w\n1,2,3\n");
        BatchFile c = batch("c.csv", "z,y,x\n1,2,3\n");

        assertThatThrownBy(() -> union.write(List.of(a, b), dir.resolve("u.csv")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(b.path() + ":1: header does not match the first batch's (" + a.path()
                        + "): missing 'y'; unexpected 'w'");
        assertThatThrownBy(() -> union.write(List.of(a, c), dir.resolve("u.csv")))
                .hasMessageEndingWith("the same columns in another order [z, y, x]");
    }

    @Test
    void emptyHeaderOnlyAndBrokenBatchesFailNamingFileAndLine() throws IOException {
        BatchFile good = batch("good.csv", "x,y\n1,2\n");
        BatchFile empty = batch("empty.csv", "");
        BatchFile headerOnly = batch("header.csv", "x,y\n");
        BatchFile broken = batch("broken.csv", "x,y\n1,2\n3,\"4\n");

        assertThatThrownBy(() -> union.write(List.of(good, empty), dir.resolve("u.csv")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("cannot ingest " + empty.path() + ": file is empty, expected a header row of column names");
        assertThatThrownBy(() -> union.write(List.of(headerOnly), dir.resolve("u.csv")))
                .hasMessage("cannot ingest " + headerOnly.path() + ":1: it has a header but no data rows");
        assertThatThrownBy(() -> union.write(List.of(good, broken), dir.resolve("u.csv")))
                .hasMessageStartingWith("cannot ingest " + broken.path() + ":3: broken CSV syntax");
        Path missing = dir.resolve("gone.csv");
        assertThatThrownBy(() -> union.write(List.of(new BatchFile(missing, Instant.EPOCH)), dir.resolve("u.csv")))
                .hasMessage("cannot ingest " + missing + ": file not found");
    }

    private BatchFile batch(String name, String content) throws IOException {
        return new BatchFile(Files.writeString(dir.resolve(name), content), Instant.EPOCH);
    }
}
