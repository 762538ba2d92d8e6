package dev.freshet.tasks.data;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.tracking.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A single Parquet batch whose columns the readers take as they are (DOUBLE, BIGINT) becomes the snapshot byte for
 * byte; any other Parquet batch is rewritten. Either way the snapshot reads the same, with the same scan and split.
 */
class ParquetAsIsSnapshotTest {

    private static final Instant DAY = Instant.parse("2024-03-01T05:00:00Z");

    /** 5,000 rows with a null, a NaN and an infinity in the double column and a null in the whole-number one. */
    private static final String ROWS = "SELECT CASE WHEN i = 10 THEN NULL WHEN i = 20 THEN 'NaN'::DOUBLE "
            + "WHEN i = 30 THEN 'inf'::DOUBLE ELSE i * 0.25 - 7 END AS x, "
            + "CASE WHEN i = 40 THEN NULL ELSE (i * 37) % 1000 - 300 END AS n, "
            + "i % 17 * 1.5 AS y FROM range(5000) t(i)";

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();
    private final SnapshotIngest ingest = new SnapshotIngest(log::add);

    @Test
    void aBatchOfDoublesAndBigintsIsTheSnapshotAsItIsAndReadsAsItsRewriteDoes() throws Exception {
        Path asIs =
                parquet("as-is.parquet", "SELECT x::DOUBLE AS x, n::BIGINT AS n, y::DOUBLE AS y FROM (" + ROWS + ")");
        Path other =
                parquet("int32.parquet", "SELECT x::DOUBLE AS x, n::INTEGER AS n, y::DOUBLE AS y FROM (" + ROWS + ")");
        HoldoutSplit split = new HoldoutSplit(0.3, 7);

        SnapshotIngest.Result copied = ingest.write(List.of(batch(asIs)), split, dir.resolve("a.parquet"));
        SnapshotIngest.Result rewritten = ingest.write(List.of(batch(other)), split, dir.resolve("b.parquet"));

        assertThat(copied.parser()).isEqualTo("as-is");
        assertThat(rewritten.parser()).isEqualTo("duckdb");
        assertThat(Sha256.of(dir.resolve("a.parquet"))).isEqualTo(Sha256.of(asIs));
        assertThat(copied.manifest().batches().get(0).sha256()).isEqualTo(Sha256.of(asIs));
        assertThat(Sha256.of(dir.resolve("b.parquet"))).isNotEqualTo(Sha256.of(other));
        assertThat(log).anySatisfy(line -> assertThat(line).contains("as it is", "not rewritten"));

        assertThat(copied.manifest().columns()).isEqualTo(rewritten.manifest().columns());
        assertThat(copied.manifest().rows()).isEqualTo(5000);
        assertThat(copied.scan().scan().issues())
                .isEqualTo(rewritten.scan().scan().issues());
        assertThat(copied.scan().scan().issues())
                .extracting(CsvIssue::line, CsvIssue::column)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(12, "x"),
                        org.assertj.core.groups.Tuple.tuple(22, "x"),
                        org.assertj.core.groups.Tuple.tuple(32, "x"),
                        org.assertj.core.groups.Tuple.tuple(42, "n"));
        assertThat(copied.mask().holdoutRows()).isBetween(1300, 1700);
        for (int row = 0; row < 5000; row++) {
            assertThat(copied.mask().isHoldout(row)).isEqualTo(rewritten.mask().isHoldout(row));
        }
        assertThat(read(dir.resolve("a.parquet"))).isEqualTo(read(dir.resolve("b.parquet")));
        try (SnapshotReader reader = SnapshotReader.open(dir.resolve("a.parquet"))) {
            assertThat(reader.decodedRowGroups()).as("the project's reader").isNotNull();
        }
        List<String> checks = validate(copied, dir.resolve("a.parquet")).checks().stream()
                .map(check -> check.toString().replace(asIs.toString(), "BATCH"))
                .toList();
        assertThat(checks)
                .isEqualTo(validate(rewritten, dir.resolve("b.parquet")).checks().stream()
                        .map(check -> check.toString().replace(other.toString(), "BATCH"))
                        .toList())
                .anySatisfy(check -> assertThat(check).contains("null_fraction", "BATCH (row 41): missing value"));
    }

    private static ValidationReport validate(SnapshotIngest.Result result, Path snapshot) {
        return new DataValidator(ValidationRules.DEFAULTS)
                .validate(new ValidationInput(
                        new SnapshotData(snapshot, result.scan(), Progress.silent()),
                        Schema.EMPTY,
                        false,
                        new RowLocator("snapshot", result.manifest().batches()),
                        result.manifest().batches(),
                        null,
                        null));
    }

    @Test
    void aBatchThatIsNotSuitableIsStillRewrittenAndEveryCheckStillNamesItsFile() throws Exception {
        Path floats = parquet("floats.parquet", "SELECT x::FLOAT AS x, y FROM (" + ROWS + ")");
        Path decimals = parquet("decimals.parquet", "SELECT (n / 4)::DECIMAL(9, 2) AS x, y FROM (" + ROWS + ")");
        Path first = parquet("first.parquet", "SELECT x::DOUBLE AS x, y FROM (" + ROWS + ") WHERE n > 0");
        Path second = parquet("second.parquet", "SELECT x::DOUBLE AS x, y FROM (" + ROWS + ") WHERE n <= 0");

        Path early = parquet("early.parquet", "SELECT i / 4 AS x, (i % 17 * 1.5)::DOUBLE AS y FROM range(3000) t(i)");
        Path late =
                parquet("late.parquet", "SELECT i / 4 AS x, (i % 17 * 1.5)::DOUBLE AS y FROM range(3000, 5000) t(i)");
        SnapshotIngest.Result two = ingest.write(List.of(batch(early), batch(late)), null, dir.resolve("two.parquet"));
        assertThat(two.parser()).as("two batches without a missing value").isEqualTo("recoded");
        assertThat(two.manifest().batches()).extracting(BatchSpan::firstRow).containsExactly(0, 3000);
        assertThat(read(dir.resolve("two.parquet")))
                .isEqualTo(
                        Stream.concat(read(early).stream(), read(late).stream()).toList());
        for (List<Path> batches : List.of(List.of(floats), List.of(decimals), List.of(first, second))) {
            Path snapshot = dir.resolve("s.parquet");
            SnapshotIngest.Result result = ingest.write(
                    batches.stream().map(ParquetAsIsSnapshotTest::batch).toList(), null, snapshot);
            assertThat(result.parser()).as("%s", batches).isEqualTo("duckdb");
            try (DuckDb db = DuckDb.open()) {
                assertThat(db.describe("read_parquet(" + DuckDb.literal(snapshot.toString()) + ")"))
                        .extracting(DuckDb.Column::type)
                        .containsOnly("DOUBLE");
            }
        }

        Path text = parquet("text.parquet", "SELECT x, 'a' AS y FROM (" + ROWS + ")");
        assertThatThrownBy(() -> ingest.write(List.of(batch(text)), null, dir.resolve("t.parquet")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("cannot ingest " + text + ": column 'y' is of type VARCHAR; every column must hold "
                        + "numbers");
        Path empty = parquet("empty.parquet", "SELECT x, y FROM (" + ROWS + ") WHERE false");
        assertThatThrownBy(() -> ingest.write(List.of(batch(empty)), null, dir.resolve("e.parquet")))
                .hasMessage("cannot ingest " + empty + ": it has no data rows");
        Path notParquet = Files.writeString(dir.resolve("broken.parquet"), "a,y\n1,2\n");
        assertThatThrownBy(() -> ingest.write(List.of(batch(notParquet)), null, dir.resolve("n.parquet")))
                .hasMessageStartingWith("cannot ingest " + notParquet + ": not a readable Parquet file");
    }

    /** Its footer reads, so it is copied as it is; its data pages do not, and the error names the batch. */
    @Test
    void aBatchWithCorruptDataPagesIsRefusedNamingTheBatchNotItsCopy() throws Exception {
        Path batch = dir.resolve("corrupt.parquet");
        try (DuckDb db = DuckDb.open()) {
            db.execute("COPY (SELECT x::DOUBLE AS x, y::DOUBLE AS y FROM (" + ROWS + ")) TO "
                    + DuckDb.literal(batch.toString())
                    + " (FORMAT parquet, COMPRESSION zstd)");
        }
        byte[] bytes = Files.readAllBytes(batch);
        for (int i = 100; i < 2_000; i++) {
            bytes[i] = (byte) 0xAB;
        }
        Files.write(batch, bytes);
        Path snapshot = dir.resolve("snapshot.parquet");

        assertThatThrownBy(() -> ingest.write(List.of(batch(batch)), null, snapshot))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("cannot ingest " + batch + ": not a readable Parquet file: ");
    }

    @Test
    void aBatchThatChangedAfterItsHashWasTakenIsRefusedNotCopied() throws Exception {
        Path batch = parquet("changing.parquet", "SELECT x::DOUBLE AS x, y FROM (" + ROWS + ")");
        String hashTakenFirst = Sha256.of(batch);
        parquet("changing.parquet", "SELECT y AS x, x::DOUBLE AS y FROM (" + ROWS + ")");

        assertThatThrownBy(() -> SnapshotIngest.copyUnchanged(batch, hashTakenFirst, dir.resolve("c.parquet")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("cannot ingest " + batch + ": it changed while it was read (its sha256 differs from the "
                        + "one taken first); ingest it again once it is complete");
        SnapshotIngest.copyUnchanged(batch, Sha256.of(batch), dir.resolve("c.parquet"));
        assertThat(Sha256.of(dir.resolve("c.parquet"))).isEqualTo(Sha256.of(batch));
    }

    private static List<List<Double>> read(Path file) {
        List<List<Double>> rows = new ArrayList<>();
        try (SnapshotReader reader = SnapshotReader.open(file)) {
            while (reader.next()) {
                for (int i = 0; i < reader.chunkRows(); i++) {
                    List<Double> row = new ArrayList<>();
                    for (double[] column : reader.values()) {
                        row.add(column[i]);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private Path parquet(String name, String select) throws SQLException {
        Path file = dir.resolve(name);
        try (DuckDb db = DuckDb.open()) {
            db.execute("COPY (" + select + ") TO " + DuckDb.literal(file.toString()) + " (FORMAT parquet)");
        }
        return file;
    }

    private static BatchFile batch(Path file) {
        return new BatchFile(file, DAY);
    }
}
