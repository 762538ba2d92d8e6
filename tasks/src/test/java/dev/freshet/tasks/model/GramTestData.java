package dev.freshet.tasks.model;

import java.util.Random;

/** Seeded data for the Gram matrix tests: features of very different means and scales, and a target made of them. */
final class GramTestData {

    private GramTestData() {}

    /** {@code n} rows of {@code p} features; feature j has mean 1000 (j + 1) and standard deviation j + 1. */
    static double[][] rows(int n, int p, long seed) {
        Random random = new Random(seed);
        double[][] rows = new double[n][p];
        for (double[] row : rows) {
            for (int j = 0; j < p; j++) {
                row[j] = 1000 * (j + 1) + random.nextGaussian() * (j + 1);
            }
        }
        return rows;
    }

    /** 3 times the first feature less half the last, plus standard normal noise. */
    static double[] target(double[][] rows, long seed) {
        Random random = new Random(seed);
        double[] y = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = 3 * rows[i][0] - 0.5 * rows[i][rows[i].length - 1] + random.nextGaussian();
        }
        return y;
    }
}
