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
     * very same double and fit the column's precision. Each integer is read back in the double domain, in a loop the
     * JIT vectorises (read back from the long, the conversions and the division ran a value at a time, about 1.6 times
     * as long); the long conversion is made once, to store it. A quotient equal to its value is the same double but
     * for the sign of a zero, so a negative zero is looked for on its own.
     */
    static String unscale(ColumnPlan column, double[] values, int rows, long[] into) {
        double pow = CsvBlockParser.POW10[column.scale()];
        long limit = column.kind() == ColumnPlan.Kind.DECIMAL32 ? 999_999_999L : (1L << 53) - 1;
        double[] misses = MISSES.get();
        if (misses.length < rows) {
            misses = new double[rows];
            MISSES.set(misses);
        }
        for (int r = 0; r < rows; r++) {
            misses[r] = Math.rint(values[r] * pow) / pow - values[r];
        }
        long missed = 0;
        long negativeZero = 0;
        for (int r = 0; r < rows; r++) {
            into[r] = (long) Math.rint(values[r] * pow);
            // 0 or -0 when the quotient is the value; NaN or an infinity (never 0) when the value is not finite
            missed |= Double.doubleToRawLongBits(misses[r]);
            long sign = Double.doubleToRawLongBits(values[r]) ^ Long.MIN_VALUE;
            negativeZero |= ~(sign | -sign); // the sign bit set when the value is -0.0
        }
        long beyond = 0;
        for (int r = 0; r < rows; r++) {
            beyond |= (limit - into[r]) | (into[r] + limit); // the sign bit set when |into[r]| > limit
        }
        if ((missed & Long.MAX_VALUE) == 0 && negativeZero >= 0 && beyond >= 0) {
            return null;
        }
        for (int r = 0; r < rows; r++) {
            if (!CsvBlockParser.exact(values[r], into[r], column.scale()) || into[r] < -limit || into[r] > limit) {
                return "column '" + column.name() + "' has a value (" + values[r] + ") that is not a decimal of "
                        + column.scale() + " places";
            }
        }
        return null;
    }

    /** Each worker's read-back errors of its chunk, reused chunk after chunk. */
    private static final ThreadLocal<double[]> MISSES = ThreadLocal.withInitial(() -> new double[0]);
}
