package dev.freshet.tasks.data;

import dev.freshet.engine.tracking.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ParquetRecodeTest {

    private static final HoldoutSplit SPLIT = new HoldoutSplit(0.25, 3);

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    @Test
    void rowGroupsOfEverySizeAreRewrittenWithTheirValuesInOrderAndEachRowOnItsSide() throws Exception {
        // row groups of 3,000 rows are rewritten a row group per worker; one of 150,000 rows is read in order
        String rows = "SELECT (i % 1000) / 8 AS x, (i * 7 % 13)::BIGINT AS n, (i % 977 * 0.25)::DOUBLE AS y "
                + "FROM range(150000) t(i)";
        Path small = parquet("small.parquet", rows, 3000);
        Path large = parquet("large.parquet", rows, 150_000);
        try (var file =
                dev.freshet.tasks.data.parquet.SnapshotParquetFile.open(large).orElseThrow()) {
            assertThat(file.rows(0))
                    .as("a row group too large to hold encoded whole")
                    .isGreaterThan(131_072);
        }

        for (Path batch : List.of(small, large)) {
            Path snapshot = dir.resolve("s-" + batch.getFileName());
            SnapshotIngest.Result result = new ParquetRecode(log::add)
                    .write(List.of(new BatchFile(batch, Instant.EPOCH)), SPLIT, snapshot)
                    .orElseThrow(() -> new AssertionError(log));

            assertThat(result.parser()).isEqualTo("recoded");
            assertThat(result.manifest().rows()).isEqualTo(150_000);
            assertThat(result.manifest().batches().get(0).sha256()).isEqualTo(Sha256.of(batch));
            assertThat(result.snapshotSha256()).as("the writer's digest").isEqualTo(Sha256.of(snapshot));
            List<double[]> expected = values(batch);
            List<double[]> actual = values(snapshot);
            assertThat(actual).hasSameSizeAs(expected);
            int[] all = {0, 1, 2};
            for (int r = 0; r < expected.size(); r++) {
                assertThat(actual.get(r))
                        .as("%s row %d", batch.getFileName(), r)
                        .containsExactly(expected.get(r));
                assertThat(result.mask().isHoldout(r)).isEqualTo(SPLIT.isHoldoutValues(expected.get(r), all));
            }
        }
    }

    @Test
    void aValueWithMorePlacesThanTheFirstSliceHadMakesEveryColumnADouble() throws Exception {
        Path batch = parquet(
                "late.parquet",
                "SELECT CASE WHEN i = 40000 THEN 1.0 / 3 ELSE (i % 100) / 4 END AS x, i::BIGINT AS y "
                        + "FROM range(50000) t(i)",
                10_000);
        Path snapshot = dir.resolve("s.parquet");

        SnapshotIngest.Result result = new ParquetRecode(log::add)
                .write(List.of(new BatchFile(batch, Instant.EPOCH)), null, snapshot)
                .orElseThrow(() -> new AssertionError(log));

        assertThat(log).anySatisfy(m -> assertThat(m).contains("storing every column as a double"));
        assertThat(result.snapshotSha256()).as("the second pass's digest").isEqualTo(Sha256.of(snapshot));
        List<double[]> actual = values(snapshot);
        assertThat(actual.get(40000)[0]).isEqualTo(1.0 / 3);
        assertThat(actual)
                .usingElementComparator((a, b) -> java.util.Arrays.equals(a, b) ? 0 : 1)
                .containsExactlyElementsOf(values(batch));
    }

    @Test
    void aWideBatchIsRewrittenInSlicesOfFewerRowsWithItsValuesInOrder() throws Exception {
        // 2,000 columns: slices of 1,048 rows (SnapshotReader.bufferRows), not 16,384
        StringBuilder select = new StringBuilder("SELECT i::DOUBLE AS c0");
        for (int j = 1; j < 2000; j++) {
            select.append(", (i * ").append(j).append(" % 1000) / 4 AS c").append(j);
        }
        Path batch = parquet("wide.parquet", select + " FROM range(3000) t(i)", 3000);
        Path snapshot = dir.resolve("s-wide.parquet");

        SnapshotIngest.Result result = new ParquetRecode(log::add)
                .write(List.of(new BatchFile(batch, Instant.EPOCH)), SPLIT, snapshot)
                .orElseThrow(() -> new AssertionError(log));

        assertThat(result.manifest().rows()).isEqualTo(3000);
        try (var file = dev.freshet.tasks.data.parquet.SnapshotParquetFile.open(snapshot)
                .orElseThrow()) {
            assertThat(file.rowGroups()).isEqualTo(3);
        }
        assertThat(values(snapshot))
                .usingElementComparator((x, y) -> java.util.Arrays.equals(x, y) ? 0 : 1)
                .containsExactlyElementsOf(values(batch));
    }

    @Test
    void aBatchWithAMissingValueIsLeftToThePathBeforeAndNothingIsLeftBehind() throws Exception {
        Path batch = parquet(
                "nulls.parquet", "SELECT CASE WHEN i = 7 THEN NULL ELSE i / 2 END AS x FROM range(100) t(i)", 50);
        Path snapshot = dir.resolve("out").resolve("s.parquet");
        Files.createDirectories(snapshot.getParent());

        assertThat(new ParquetRecode(log::add).write(List.of(new BatchFile(batch, Instant.EPOCH)), SPLIT, snapshot))
                .isEmpty();
        try (var left = Files.list(snapshot.getParent())) {
            assertThat(left).isEmpty();
        }
    }

    private Path parquet(String name, String select, int rowGroupRows) throws Exception {
        Path file = dir.resolve(name);
        try (DuckDb db = DuckDb.open()) {
            db.execute("COPY (" + select + ") TO " + DuckDb.literal(file.toString())
                    + " (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE " + rowGroupRows + ")");
        }
        return file;
    }

    private static List<double[]> values(Path file) {
        List<double[]> rows = new ArrayList<>();
        try (SnapshotReader reader = SnapshotReader.open(file)) {
            while (reader.next()) {
                for (int i = 0; i < reader.chunkRows(); i++) {
                    double[] row = new double[reader.columns().size()];
                    for (int j = 0; j < row.length; j++) {
                        row[j] = reader.values()[j][i];
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}
