package dev.freshet.tasks;

import dev.freshet.tasks.data.DuckDb;
import dev.freshet.tasks.data.HoldoutMask;
import dev.freshet.tasks.data.Progress;
import dev.freshet.tasks.data.SnapshotReader;
import dev.freshet.tasks.data.SnapshotRows;
import dev.freshet.tasks.data.Table;
import dev.freshet.tasks.model.ColumnPredictor;
import dev.freshet.tasks.model.ElasticNetParams;
import dev.freshet.tasks.model.LinearModel;
import dev.freshet.tasks.model.RegressionMetrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evaluation scores the held-out rows straight from the snapshot's columns: on random data with rows that miss a
 * value here and there, it gives the same actual values, the same predictions to the bit (candidate and champion)
 * and the same count of dropped rows as the rows read one by one into a table and predicted by
 * {@link LinearModel#predict(Table)}.
 */
class HoldoutScoresTest {
    private static final int ROWS = 20_000;
    private static final int FEATURES = 30;

    @TempDir
    static Path dir;

    static List<String> columns;
    static Path snapshot;
    static Path snapshotReadByDuckDb;
    static HoldoutMask mask;
    static LinearModel candidate;
    static LinearModel champion;

    @BeforeAll
    static void data() throws Exception {
        Random random = new Random(5);
        List<String> features = new ArrayList<>();
        for (int j = 0; j < FEATURES; j++) {
            features.add("x" + j);
        }
        columns = new ArrayList<>(features);
        columns.add("y");
        columns.add("extra");
        Collections.shuffle(columns, random);
        double[] scales = new double[columns.size()];
        for (int c = 0; c < scales.length; c++) {
            scales[c] = Math.pow(10, random.nextInt(11) - 4);
        }
        Path csv = dir.resolve("data.csv");
        StringBuilder text = new StringBuilder(String.join(",", columns)).append('\n');
        HoldoutMask.Builder split = new HoldoutMask.Builder();
        for (int i = 0; i < ROWS; i++) {
            int missing = random.nextInt(50) == 0 ? random.nextInt(columns.size()) : -1;
            StringJoiner row = new StringJoiner(",");
            for (int c = 0; c < columns.size(); c++) {
                row.add(c == missing ? "" : Double.toString(random.nextGaussian() * scales[c] + scales[c]));
            }
            text.append(row).append('\n');
            split.add(random.nextDouble() < 0.2);
        }
        Files.writeString(csv, text);
        mask = split.build();
        snapshot = parquet(csv, "data.parquet", "");
        // lz4: a codec the project's reader does not take, so DuckDB reads the file
        snapshotReadByDuckDb = parquet(csv, "duckdb.parquet", ", COMPRESSION lz4");
        candidate = model(features, 1);
        List<String> championFeatures = new ArrayList<>(features.subList(3, 25));
        Collections.reverse(championFeatures);
        champion = model(championFeatures, 2);
    }

    private static Path parquet(Path csv, String name, String options) throws Exception {
        Path file = dir.resolve(name);
        String types = DuckDb.columnList(columns, c -> DuckDb.literal(c) + ": 'DOUBLE'");
        try (DuckDb db = DuckDb.open()) {
            db.execute("COPY (SELECT * FROM read_csv(" + DuckDb.literal(csv.toString()) + ", header = true, columns = {"
                    + types + "})) TO " + DuckDb.literal(file.toString()) + " (FORMAT parquet" + options + ")");
        }
        return file;
    }

    /** Scales from 1e-4 to 1e6 and coefficients as varied: a sum taken in another order differs in its last bits. */
    private static LinearModel model(List<String> features, long seed) {
        Random random = new Random(seed);
        double[] coefficients = new double[features.size()];
        for (int j = 0; j < coefficients.length; j++) {
            coefficients[j] = random.nextGaussian() * Math.pow(10, random.nextInt(9) - 4);
        }
        return new LinearModel(
                features, coefficients, random.nextGaussian() * 100, 1, 0, true, ElasticNetParams.of(0.1, 0.5));
    }

    /** The row path evaluation took before: every held-out row copied, a table of them, predict(Table). */
    private record RowPath(double[] actual, double[] predicted, double[] championPredicted, int dropped) {
        static RowPath of(Path file) {
            try (SnapshotReader reader = SnapshotReader.open(file)) {
                List<double[]> rows = new ArrayList<>();
                int dropped = SnapshotRows.forEach(
                        reader, mask, SnapshotRows.Side.HOLDOUT, Progress.silent(), row -> rows.add(row.clone()));
                Table table = new Table(reader.columns(), rows.toArray(double[][]::new));
                return new RowPath(table.column("y"), candidate.predict(table), champion.predict(table), dropped);
            }
        }
    }

    @ParameterizedTest(name = "{0}, chunks of {1} rows")
    @CsvSource({"data.parquet, 8192", "data.parquet, 1000", "duckdb.parquet, 8192", "duckdb.parquet, 3000"})
    void scoresTheHeldOutRowsFromTheColumnsExactlyAsTheRowPathDid(String name, int chunkRows) {
        Path file = dir.resolve(name);
        RowPath expected = RowPath.of(file);

        HoldoutScores scores;
        try (SnapshotReader reader = SnapshotReader.open(file, chunkRows)) {
            scores = HoldoutScores.score(
                    reader,
                    mask,
                    reader.columnIndex("y"),
                    ColumnPredictor.of(candidate, reader.columns()),
                    ColumnPredictor.of(champion, reader.columns()),
                    Progress.silent());
        }

        assertThat(expected.dropped()).as("rows left out for a missing value").isBetween(20, 200);
        assertThat(expected.actual().length).isBetween(3000, 5000);
        assertThat(scores.dropped()).isEqualTo(expected.dropped());
        assertThat(scores.actual()).isEqualTo(expected.actual());
        assertThat(scores.predicted()).isEqualTo(expected.predicted());
        assertThat(scores.championPredicted()).isEqualTo(expected.championPredicted());
    }

    @Test
    void withoutAChampionOnlyTheCandidateIsScored() {
        try (SnapshotReader reader = SnapshotReader.open(snapshot)) {
            HoldoutScores scores = HoldoutScores.score(
                    reader,
                    mask,
                    reader.columnIndex("y"),
                    ColumnPredictor.of(candidate, reader.columns()),
                    null,
                    Progress.silent());

            assertThat(scores.championPredicted()).isNull();
            assertThat(scores.predicted()).isEqualTo(RowPath.of(snapshot).predicted());
        }
    }

    @Test
    void theTaskReportsTheRowPathsMetricsAndDroppedRows() throws Exception {
        RowPath expected = RowPath.of(snapshot);
        Path maskFile = dir.resolve("split.mask");
        mask.write(maskFile);
        Path modelFile = dir.resolve("model.json");
        candidate.write(modelFile);
        FakeTaskContext context = new FakeTaskContext(
                "run-1",
                "wf",
                "evaluate",
                Map.of("compare_to", "none"),
                Map.of(
                        "ingest",
                        Map.of(
                                "target",
                                "y",
                                "dataset_path",
                                snapshot.toString(),
                                "rows",
                                ROWS,
                                "split_mask_path",
                                maskFile.toString()),
                        "train",
                        Map.of("model_path", modelFile.toString())),
                null,
                Files.createDirectories(dir.resolve("evaluate")));

        Map<String, Object> outputs = new EvaluateRegressionTask().run(context).outputs();

        RegressionMetrics metrics = RegressionMetrics.of(expected.actual(), expected.predicted());
        assertThat(outputs)
                .containsEntry("rmse", metrics.rmse())
                .containsEntry("mae", metrics.mae())
                .containsEntry("r2", metrics.r2())
                .containsEntry("max_error", metrics.maxError())
                .containsEntry("holdout_rows", expected.actual().length);
        assertThat(context.logLines())
                .contains("WARN left " + expected.dropped() + " holdout row(s) with a missing value out");
    }
}
