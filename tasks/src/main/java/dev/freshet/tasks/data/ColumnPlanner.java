package dev.freshet.tasks.data;

import dev.freshet.tasks.data.parquet.ColumnPlan;

/**
 * Chooses how a snapshot column is stored, from a first block of its values: as whole numbers, as exact decimals of
 * the fewest places that hold every value, or as doubles. A value is taken as a decimal of {@code s} places only
 * when its integer at that scale reads back as the very same double ({@link CsvBlockParser#exact}), so the choice
 * never changes a value; later blocks are checked the same way as they are encoded.
 */
final class ColumnPlanner {

    /** The most places tried: an integer of at most 15 digits divides by a power of ten exactly rounded. */
    static final int MAX_PLACES = 15;

    private static final double DECIMAL32 = 6.0e7;
    private static final double DECIMAL64 = 0x1p49;

    private ColumnPlanner() {}

    static ColumnPlan plan(String name, double[] values, int rows) {
        double magnitude = 0;
        for (int r = 0; r < rows; r++) {
            double value = values[r];
            if (Double.doubleToRawLongBits(value) == Long.MIN_VALUE) {
                return ColumnPlan.doubles(name); // a negative zero has no integer
            }
            magnitude = Math.max(magnitude, Math.abs(value));
        }
        for (int places = 0; places <= MAX_PLACES; places++) {
            double largest = magnitude * CsvBlockParser.POW10[places];
            if (largest >= DECIMAL64) {
                break;
            }
            if (allExact(values, rows, places)) {
                if (places == 0) {
                    return ColumnPlan.int64(name);
                }
                return places <= 9 && largest < DECIMAL32
                        ? ColumnPlan.decimal32(name, places)
                        : ColumnPlan.decimal64(name, places);
            }
        }
        return ColumnPlan.doubles(name);
    }

    private static boolean allExact(double[] values, int rows, int places) {
        double pow = CsvBlockParser.POW10[places];
        for (int r = 0; r < rows; r++) {
            double value = values[r];
            if (!CsvBlockParser.exact(value, Math.round(value * pow), places)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The column's values as integers at its scale, or why one does not fit: its integer must read back as the
     * very same double and fit the column's precision. In loops of their own, which the JIT vectorises.
     */
    static String unscale(ColumnPlan column, double[] values, int rows, long[] into) {
        double pow = CsvBlockParser.POW10[column.scale()];
        long limit = column.kind() == ColumnPlan.Kind.DECIMAL32 ? 999_999_999L : (1L << 53) - 1;
        for (int r = 0; r < rows; r++) {
            into[r] = (long) Math.rint(values[r] * pow);
        }
        long differ = 0;
        for (int r = 0; r < rows; r++) {
            differ |= Double.doubleToRawLongBits(into[r] / pow) ^ Double.doubleToRawLongBits(values[r]);
        }
        boolean beyond = false;
        for (int r = 0; r < rows; r++) {
            beyond |= Math.abs(into[r]) > limit;
        }
        if (differ == 0 && !beyond) {
            return null;
        }
        for (int r = 0; r < rows; r++) {
            if (!CsvBlockParser.exact(values[r], into[r], column.scale()) || Math.abs(into[r]) > limit) {
                return "column '" + column.name() + "' has a value (" + values[r] + ") that is not a decimal of "
                        + column.scale() + " places";
            }
        }
        return null;
    }
}
