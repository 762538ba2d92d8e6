package dev.freshet.tasks;

import dev.freshet.tasks.data.DuckDb;
import dev.freshet.tasks.data.HoldoutMask;
import dev.freshet.tasks.data.Progress;
import dev.freshet.tasks.data.SnapshotReader;
import dev.freshet.tasks.data.SnapshotRows;
import dev.freshet.tasks.data.Table;
import dev.freshet.tasks.model.ElasticNetParams;
import dev.freshet.tasks.model.LinearModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;

/**
 * A snapshot of random numbers for scoring tests: {@value #ROWS} rows of {@value #FEATURES} features {@code x0 …},
 * the target {@code y} and a column no model uses, {@code extra}, in a shuffled order and of scales from 1e-4 to 1e6;
 * one row in fifty misses a value in one column (the target and {@code extra} included); a fifth of the rows held out.
 *
 * @param file            the snapshot, read by the project's reader
 * @param fileReadByDuckDb the same rows in a codec the project's reader does not take, so DuckDB reads them
 */
record RandomSnapshot(List<String> features, Path file, Path fileReadByDuckDb, HoldoutMask mask) {
    static final int ROWS = 20_000;
    static final int FEATURES = 30;

    static RandomSnapshot write(Path dir) throws Exception {
        Random random = new Random(5);
        List<String> features = new ArrayList<>();
        for (int j = 0; j < FEATURES; j++) {
            features.add("x" + j);
        }
        List<String> columns = new ArrayList<>(features);
        columns.add("y");
        columns.add("extra");
        Collections.shuffle(columns, random);
        double[] scales = new double[columns.size()];
        for (int c = 0; c < scales.length; c++) {
            scales[c] = Math.pow(10, random.nextInt(11) - 4);
        }
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
        Path csv = Files.writeString(dir.resolve("random.csv"), text);
        return new RandomSnapshot(
                features,
                parquet(csv, columns, dir.resolve("random.parquet"), ""),
                parquet(csv, columns, dir.resolve("random-lz4.parquet"), ", COMPRESSION lz4"),
                split.build());
    }

    private static Path parquet(Path csv, List<String> columns, Path file, String options) throws Exception {
        String types = DuckDb.columnList(columns, c -> DuckDb.literal(c) + ": 'DOUBLE'");
        try (DuckDb db = DuckDb.open()) {
            db.execute("COPY (SELECT * FROM read_csv(" + DuckDb.literal(csv.toString()) + ", header = true, columns = {"
                    + types + "})) TO " + DuckDb.literal(file.toString()) + " (FORMAT parquet" + options + ")");
        }
        return file;
    }

    /** A model of these features whose coefficients range as widely as the scales: a sum in another order differs. */
    static LinearModel model(List<String> features, long seed) {
        Random random = new Random(seed);
        double[] coefficients = new double[features.size()];
        for (int j = 0; j < coefficients.length; j++) {
            coefficients[j] = random.nextGaussian() * Math.pow(10, random.nextInt(9) - 4);
        }
        return new LinearModel(
                features, coefficients, random.nextGaussian() * 100, 1, 0, true, ElasticNetParams.of(0.1, 0.5));
    }

    /** The features {@code x3 … x24}, last first. */
    List<String> otherFeatures() {
        List<String> other = new ArrayList<>(features.subList(3, 25));
        Collections.reverse(other);
        return other;
    }

    /** How evaluation scored the held-out rows before: each row copied, a table of them, predict(Table). */
    record RowPath(double[] actual, double[] predicted, double[] championPredicted, int dropped) {
        static RowPath of(Path file, HoldoutMask mask, LinearModel candidate, LinearModel champion) {
            try (SnapshotReader reader = SnapshotReader.open(file)) {
                List<double[]> rows = new ArrayList<>();
                int dropped = SnapshotRows.forEach(
                        reader, mask, SnapshotRows.Side.HOLDOUT, Progress.silent(), row -> rows.add(row.clone()));
                Table table = new Table(reader.columns(), rows.toArray(double[][]::new));
                return new RowPath(table.column("y"), candidate.predict(table), champion.predict(table), dropped);
            }
        }
    }
}
