package dev.freshet.web.serving;

import dev.freshet.engine.error.InvalidInputException;

import java.util.ArrayList;
import java.util.List;

/** Collects input rows as values in the model's feature order, with errors that name the row and the column. */
final class FeatureRows {
    private final List<String> features;
    private final List<double[]> rows = new ArrayList<>();

    FeatureRows(List<String> features) {
        this.features = features;
    }

    List<String> features() {
        return features;
    }

    int featureCount() {
        return features.size();
    }

    /** Where each feature sits among {@code columns}; a missing or repeated feature is an error naming it. */
    int[] positionsIn(List<String> columns, String where) {
        int[] positions = new int[features.size()];
        for (int j = 0; j < positions.length; j++) {
            positions[j] = columns.indexOf(features.get(j));
            if (positions[j] < 0) {
                throw missingColumn(features.get(j), where);
            }
            int again = columns.lastIndexOf(features.get(j));
            if (again != positions[j]) {
                throw new InvalidInputException(where + ": column '" + features.get(j) + "' is given twice (columns "
                        + positions[j] + " and " + again + "); give each column once");
            }
        }
        return positions;
    }

    InvalidInputException missingColumn(String feature, String where) {
        return new InvalidInputException(where + ": column '" + feature + "' is missing; the model needs " + features);
    }

    static InvalidInputException notANumber(int row, String column, String shown) {
        return new InvalidInputException("row " + row + ", column '" + column + "': " + shown + " is not a number");
    }

    static double finite(double value, int row, String column) {
        if (!Double.isFinite(value)) {
            throw notANumber(row, column, String.valueOf(value));
        }
        return value;
    }

    void add(double[] row) {
        rows.add(row);
    }

    double[][] toArray() {
        return rows.toArray(double[][]::new);
    }
}
