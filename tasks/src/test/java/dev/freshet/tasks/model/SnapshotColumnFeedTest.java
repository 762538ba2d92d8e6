package dev.freshet.tasks.model;

import dev.freshet.tasks.data.DuckDb;
import dev.freshet.tasks.data.HoldoutMask;
import dev.freshet.tasks.data.Progress;
import dev.freshet.tasks.data.SnapshotReader;
import dev.freshet.tasks.data.SnapshotRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The training rows of a snapshot fed to the accumulator a column-major chunk at a time, as train does, against the
 * same rows gathered and added one at a time: the same rows kept and dropped, and the same fit bit for bit.
 */
class SnapshotColumnFeedTest {

    private static final int ROWS = 2 * GramSystem.BLOCK_ROWS + 3 * 1001;

    /** The target y sits between the features; every 97th row misses a value, somewhere; every 5th is held out. */
    private static final String DATA = "SELECT a, b, y, c, d FROM (SELECT i, "
            + "CASE WHEN i % 97 = 5 THEN 'NaN'::DOUBLE ELSE 1000 + sin(i) * 3 END AS a, "
            + "CASE WHEN i % 194 = 50 THEN NULL ELSE 2000 + cos(i * 0.7) * 5 END AS b, "
            + "(i % 13) * 0.25 - 1 AS c, "
            + "CASE WHEN i % 291 = 7 THEN NULL ELSE sqrt(i + 1) END AS d, "
            + "3 * (1000 + sin(i) * 3) - 0.5 * sqrt(i + 1) + cos(i * 1.3) AS y "
            + "FROM range(" + ROWS + ") t(i)) ORDER BY i";

    @TempDir
    Path dir;

    @Test
    void theColumnFeedKeepsDropsAndFitsTheRowsOfTheRowFeedBitForBit() throws Exception {
        Path file = dir.resolve("snapshot.parquet");
        try (DuckDb db = DuckDb.open()) {
            db.execute("COPY (" + DATA + ") TO " + DuckDb.literal(file.toString()) + " (FORMAT parquet)");
        }
        HoldoutMask.Builder builder = new HoldoutMask.Builder();
        IntStream.range(0, ROWS).forEach(i -> builder.add(i % 5 == 3));
        HoldoutMask mask = builder.build();
        List<String> features = List.of("a", "b", "c", "d");
        int[] featureColumns = {0, 1, 3, 4};
        int target = 2;
        for (boolean centre : new boolean[] {true, false}) {
            ElasticNet net = new ElasticNet(new ElasticNetParams(
                    0.05, 0.5, ElasticNetParams.DEFAULT_TOL, ElasticNetParams.DEFAULT_MAX_ITER, centre, false, false));
            for (int chunk : new int[] {1000, SnapshotReader.CHUNK_ROWS}) {
                try (SnapshotReader byRowReader = SnapshotReader.open(file, chunk);
                        SnapshotReader byColumnReader = SnapshotReader.open(file, chunk);
                        GramAccumulator byRow = net.newAccumulator(4, ROWS - mask.holdoutRows());
                        GramAccumulator byColumn = net.newAccumulator(4, ROWS - mask.holdoutRows())) {
                    double[] x = new double[4];
                    int droppedByRow =
                            SnapshotRows.forEach(byRowReader, mask, SnapshotRows.Side.TRAIN, Progress.silent(), row -> {
                                for (int k = 0; k < 4; k++) {
                                    x[k] = row[featureColumns[k]];
                                }
                                byRow.add(x, row[target]);
                            });
                    int droppedByColumn = SnapshotRows.forEachChunk(
                            byColumnReader,
                            mask,
                            SnapshotRows.Side.TRAIN,
                            Progress.silent(),
                            (values, chunkRows, rows, count) ->
                                    byColumn.addColumns(values, featureColumns, target, rows, count));

                    assertThat(droppedByColumn).isEqualTo(droppedByRow).isEqualTo(expectedDropped(mask));
                    assertThat(byColumn.rows())
                            .isEqualTo(byRow.rows())
                            .isEqualTo(ROWS - mask.holdoutRows() - droppedByRow);
                    LinearModel fromRows = net.fit(features, byRow);
                    LinearModel fromColumns = net.fit(features, byColumn);
                    assertThat(byColumn.products()).containsExactly(byRow.products());
                    assertThat(byColumn.columnSums()).containsExactly(byRow.columnSums());
                    assertThat(fromColumns.coefficients()).containsExactly(fromRows.coefficients());
                    assertThat(fromColumns.intercept()).isEqualTo(fromRows.intercept());
                    assertThat(fromColumns.iterations()).isEqualTo(fromRows.iterations());
                }
            }
        }
    }

    private static int expectedDropped(HoldoutMask mask) {
        return (int) IntStream.range(0, ROWS)
                .filter(i -> !mask.isHoldout(i))
                .filter(i -> i % 97 == 5 || i % 194 == 50 || i % 291 == 7)
                .count();
    }
}
