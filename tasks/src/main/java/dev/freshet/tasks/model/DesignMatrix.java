package dev.freshet.tasks.model;

import dev.freshet.engine.error.InvalidInputException;

import java.util.List;

/**
 * The data of one fit without copying it: feature {@code j} of row {@code i} is {@code rows[i][columns[j]]}, the
 * target is {@code y[i]}. Both solvers read it once into their own working copy.
 */
record DesignMatrix(List<String> featureNames, double[][] rows, int[] columns, double[] y) {

    int rowCount() {
        return rows.length;
    }

    int featureCount() {
        return columns.length;
    }

    double x(int row, int feature) {
        return rows[row][columns[feature]];
    }

    /** Whether feature j is column j of every row (the usual case: features first, then the target, if at all). */
    boolean featuresAreLeadingColumns() {
        for (int j = 0; j < columns.length; j++) {
            if (columns[j] != j) {
                return false;
            }
        }
        return true;
    }

    /** The first {@code sampleRows} rows' means of every feature and, last, of the target. */
    double[] leadingMeans(int sampleRows) {
        int p = columns.length;
        int count = Math.min(sampleRows, rows.length);
        double[] means = new double[p + 1];
        for (int i = 0; i < count; i++) {
            double[] row = rows[i];
            for (int j = 0; j < p; j++) {
                means[j] += row[columns[j]];
            }
            means[p] += y[i];
        }
        for (int j = 0; j <= p; j++) {
            means[j] /= count;
        }
        return means;
    }

    /**
     * The error for data in which a sum came out infinite or NaN: names the first value that is not a finite number,
     * or says that the values are too large to square.
     */
    InvalidInputException notFinite() {
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < columns.length; j++) {
                double value = x(i, j);
                if (!Double.isFinite(value)) {
                    return new InvalidInputException(
                            "X[" + i + "][" + j + "] (" + featureNames.get(j) + ") is not a finite number: " + value);
                }
            }
            if (!Double.isFinite(y[i])) {
                return new InvalidInputException("y[" + i + "] is not a finite number: " + y[i]);
            }
        }
        return new InvalidInputException("the feature or target values are too large: their sums of squares "
                + "overflow a double; rescale the data");
    }
}
