package dev.freshet.tasks.data.parquet;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.tasks.data.BatchFile;
import dev.freshet.tasks.data.DuckDb;
import dev.freshet.tasks.data.SnapshotIngest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Parquet batch whose row groups disagree with its footer or their chunks, or whose column names are blank or
 * repeated, is refused naming the file, on every path (the batch taken as it is, recoded, or read by DuckDB).
 */
class ParquetBatchFooterTest {

    @TempDir
    Path dir;

    /** Two DOUBLE columns (as-is path), a DECIMAL column (DuckDB path), or two BIGINT columns (recode path). */
    private static final List<String> SELECTS = List.of(
            "i * 0.5 AS a, i * 0.25 AS b",
            "(i * 0.5)::DECIMAL(9, 2) AS a, i * 0.25 AS b",
            "i::BIGINT AS a, (i % 7)::BIGINT AS b");

    private Path batch(String name, String select) throws Exception {
        Path file = dir.resolve(name);
        try (DuckDb db = DuckDb.open()) {
            db.execute("COPY (SELECT " + select + " FROM range(200) t(i)) TO " + DuckDb.literal(file.toString())
                    + " (FORMAT parquet)");
        }
        return file;
    }

    private void ingest(Path file) {
        List<String> log = new ArrayList<>();
        new SnapshotIngest(log::add)
                .write(
                        List.of(new BatchFile(file, Instant.now())),
                        null,
                        dir.resolve("snapshot-" + file.getFileName()));
    }

    @Test
    void aRowGroupOfTwoToTheThirtyFirstRowsOrMoreIsRefusedNamingTheFile() throws Exception {
        int k = 0;
        for (String select : SELECTS) {
            for (long rows : new long[] {1_000_000_000_000L, 1L << 31}) {
                Path file = batch("huge" + k++ + ".parquet", select);
                SnapshotFiles.changeFooter(
                        file, footer -> footer.getRow_groups().get(0).setNum_rows(rows));
                assertThatThrownBy(() -> ingest(file))
                        .isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining(file + ": row group 0 claims " + rows + " rows, its footer says 200");
            }
        }
    }

    @Test
    void aRowGroupOfFewerRowsThanItsFooterAndChunksIsRefused() throws Exception {
        int k = 0;
        for (String select : SELECTS) {
            Path file = batch("short" + k++ + ".parquet", select);
            SnapshotFiles.changeFooter(
                    file, footer -> footer.getRow_groups().get(0).setNum_rows(10));
            assertThatThrownBy(() -> ingest(file))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(file + ": row group 0 claims 10 rows, its footer says 200");
        }
    }

    @Test
    void aRowGroupWhoseChunksHoldOtherCountsIsRefused() throws Exception {
        int k = 0;
        for (String select : SELECTS) {
            Path file = batch("chunks" + k++ + ".parquet", select);
            SnapshotFiles.changeFooter(file, footer -> {
                footer.getRow_groups().get(0).setNum_rows(10);
                footer.setNum_rows(10);
            });
            assertThatThrownBy(() -> ingest(file))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(file + ": row group 0 claims 10 rows, its column a holds 200 values");
        }
    }

    @Test
    void aNegativeRowCountIsRefused() throws Exception {
        int k = 0;
        for (String select : SELECTS) {
            Path file = batch("negative" + k++ + ".parquet", select);
            SnapshotFiles.changeFooter(
                    file, footer -> footer.getRow_groups().get(0).setNum_rows(-5));
            assertThatThrownBy(() -> ingest(file))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(file + ": row group 0 claims -5 rows");
        }
    }

    @Test
    void repeatedColumnNamesAreRefusedNotRenamed() throws Exception {
        int k = 0;
        for (String select : SELECTS) {
            Path file = batch("duplicate" + k++ + ".parquet", select);
            SnapshotFiles.changeFooter(file, footer -> footer.getSchema().get(2).setName("a"));
            assertThatThrownBy(() -> ingest(file))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(file + ": column name 2 'a' appears more than once");
        }
    }

    @Test
    void columnNamesEqualButForCaseAreRefused() throws Exception {
        int k = 0;
        for (String select : SELECTS) {
            Path file = batch("case" + k++ + ".parquet", select);
            SnapshotFiles.changeFooter(file, footer -> footer.getSchema().get(2).setName("A"));
            assertThatThrownBy(() -> ingest(file))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(file + ": column name 2 'A'")
                    .hasMessageContaining("ignoring case");
        }
    }

    @Test
    void aBlankColumnNameIsRefused() throws Exception {
        int k = 0;
        for (String select : SELECTS) {
            for (String blank : new String[] {"", " "}) {
                Path file = batch("blank" + k++ + ".parquet", select);
                SnapshotFiles.changeFooter(
                        file, footer -> footer.getSchema().get(2).setName(blank));
                assertThatThrownBy(() -> ingest(file))
                        .isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining(file + ": column name 2 is blank");
            }
        }
    }
}
