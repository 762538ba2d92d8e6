package dev.freshet.tasks.model;

import java.util.Arrays;
import java.util.List;

/**
 * A linear model bound to the columns of column-major data ({@code values[column][row]}, as a snapshot reader hands
 * out its chunks): predicts a chunk a feature column at a time, with no array per row.
 *
 * <p>Each row's sum is taken in the order {@link LinearModel#predict(dev.freshet.tasks.data.Table)} takes it — the
 * intercept, then {@code coefficient * value} for each feature in the model's order — so the predictions are the
 * same to the bit; only the loops are turned inside out, which lets the JIT run the loop down a column on vectors.
 */
public final class ColumnPredictor {
    private final double intercept;
    private final double[] coefficients;
    private final int[] columns;
    private double[] predictions = new double[0];

    private ColumnPredictor(double intercept, double[] coefficients, int[] columns) {
        this.intercept = intercept;
        this.coefficients = coefficients;
        this.columns = columns;
    }

    /** Binds the model to data with these columns; throws naming a feature the data lacks, as predict does. */
    public static ColumnPredictor of(LinearModel model, List<String> columns) {
        return new ColumnPredictor(model.intercept(), model.coefficients(), model.featureColumns(columns));
    }

    /**
     * Predicts rows {@code 0 … rows - 1} of {@code values}; a row with a NaN among its features predicts NaN. The
     * array returned is overwritten by the next call.
     */
    public double[] predict(double[][] values, int rows) {
        if (predictions.length < rows) {
            predictions = new double[rows];
        }
        double[] sums = predictions;
        Arrays.fill(sums, 0, rows, intercept);
        for (int j = 0; j < columns.length; j++) {
            double coefficient = coefficients[j];
            double[] column = values[columns[j]];
            for (int i = 0; i < rows; i++) {
                sums[i] += coefficient * column[i];
            }
        }
        return sums;
    }
}
