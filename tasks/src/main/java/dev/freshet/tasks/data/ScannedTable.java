package dev.freshet.tasks.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A CSV file read leniently with its values: every data row, ragged ones included, with the physical line it
 * starts on; a cell that is missing or not a finite number, and every cell of a ragged row, is NaN.
 *
 * @param values column-major: {@code values[column][row]}, in {@link CsvScan#columns()} order
 * @param lines  the line each data row starts on (1-based; the header is line 1), ascending
 * @param ragged per row, whether it had a different number of values than the header
 */
public record ScannedTable(CsvScan scan, double[][] values, int[] lines, boolean[] ragged) implements ValidationData {

    public ScannedTable {
        Objects.requireNonNull(scan, "scan");
        if (values.length != scan.columns().size()) {
            throw new IllegalArgumentException(
                    values.length + " value columns for " + scan.columns().size() + " header names");
        }
        for (double[] column : values) {
            if (column.length != lines.length) {
                throw new IllegalArgumentException("every column needs one value per row");
            }
        }
        if (ragged.length != lines.length) {
            throw new IllegalArgumentException("one ragged flag per row");
        }
    }

    public int rowCount() {
        return lines.length;
    }

    public int columnIndex(String column) {
        return scan.columns().indexOf(column);
    }

    public double[] column(String column) {
        int index = columnIndex(column);
        if (index < 0) {
            throw new IllegalArgumentException("no column '" + column + "'");
        }
        return values[index];
    }

    /** The column's values that are finite numbers in rows of the right width, in row order. */
    public double[] presentValues(String column) {
        double[] all = column(column);
        double[] present = new double[all.length];
        int count = 0;
        for (int row = 0; row < all.length; row++) {
            if (!ragged[row] && !Double.isNaN(all[row])) {
                present[count++] = all[row];
            }
        }
        return Arrays.copyOf(present, count);
    }

    /** The profile of the rows of the right width, fed as one chunk. */
    @Override
    public DataProfile profile(Schema schema, int sampleSize) {
        List<String> columns = scan.columns();
        int complete = 0;
        for (boolean r : ragged) {
            complete += r ? 0 : 1;
        }
        double[][] kept = new double[columns.size()][complete];
        int[] handles = new int[complete];
        int k = 0;
        for (int row = 0; row < lines.length; row++) {
            if (!ragged[row]) {
                for (int j = 0; j < columns.size(); j++) {
                    kept[j][k] = values[j][row];
                }
                handles[k++] = row;
            }
        }
        long[] present = new long[columns.size()];
        for (int j = 0; j < columns.size(); j++) {
            for (int i = 0; i < complete; i++) {
                present[j] += Double.isNaN(kept[j][i]) ? 0 : 1;
            }
        }
        try (DataProfile.Builder builder =
                new DataProfile.Builder(columns, schema, sampleSize, present, DataValidator.EXAMPLES)) {
            builder.add(kept, complete, handles, new DataProfile.RowNamer() {
                @Override
                public int line(int handle) {
                    return lines[handle];
                }

                @Override
                public int row(int handle) {
                    return handle;
                }
            });
            return builder.build();
        }
    }

    /** The index of the data row that starts on {@code line}, or -1. */
    @Override
    public int rowAtLine(int line) {
        int row = Arrays.binarySearch(lines, line);
        return row >= 0 ? row : -1;
    }
}
