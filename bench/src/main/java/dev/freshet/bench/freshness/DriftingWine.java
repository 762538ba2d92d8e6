package dev.freshet.bench.freshness;

import dev.freshet.engine.error.InvalidInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Thirty days of wine-quality traffic whose relation to the label drifts: the tasting panel comes to like strong wines
 * more each day, and on {@link #SHIFT_DAY} a new panel rates everything differently at once. Each day's rows are drawn
 * from the white-wine data with a fixed seed, so every run of the demo sees the same days.
 */
final class DriftingWine {
    static final int SHIFT_DAY = 16;
    private static final int ALCOHOL = 10;

    private final List<String> header;
    private final double[][] pool;
    private final int rowsPerDay;
    private final long seed;

    private DriftingWine(List<String> header, double[][] pool, int rowsPerDay, long seed) {
        this.header = header;
        this.pool = pool;
        this.rowsPerDay = rowsPerDay;
        this.seed = seed;
    }

    static DriftingWine load(Path csv, int rowsPerDay, long seed) {
        try {
            List<String> lines = Files.readAllLines(csv);
            List<String> header = List.of(lines.get(0).split(","));
            double[][] pool = lines.stream()
                    .skip(1)
                    .filter(line -> !line.isBlank())
                    .map(line -> Arrays.stream(line.split(","))
                            .mapToDouble(Double::parseDouble)
                            .toArray())
                    .toArray(double[][]::new);
            if (header.size() != 12 || !header.get(ALCOHOL).equals("alcohol")) {
                throw new InvalidInputException(csv + ": expected the 12 columns of the wine-quality data");
            }
            return new DriftingWine(header, pool, rowsPerDay, seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> featureNames() {
        return header.subList(0, header.size() - 1);
    }

    String target() {
        return header.get(header.size() - 1);
    }

    List<String> header() {
        return header;
    }

    /** Day {@code day}'s traffic: features as served, and the labels that arrive the day after. */
    DayData day(int day) {
        Random random = new Random(seed * 1_000_003L + day);
        double slope = 0.05 * day + (day >= SHIFT_DAY ? 0.35 : 0.0);
        double offset = day >= SHIFT_DAY ? 0.6 : 0.0;
        List<double[]> x = new ArrayList<>(rowsPerDay);
        double[] y = new double[rowsPerDay];
        for (int i = 0; i < rowsPerDay; i++) {
            double[] row = pool[random.nextInt(pool.length)];
            double[] features = Arrays.copyOf(row, row.length - 1);
            double label = row[row.length - 1] + slope * (features[ALCOHOL] - 10.5) + offset;
            x.add(features);
            y[i] = Math.max(0, Math.min(10, Math.round(label)));
        }
        return new DayData(day, x.toArray(double[][]::new), y);
    }
}
