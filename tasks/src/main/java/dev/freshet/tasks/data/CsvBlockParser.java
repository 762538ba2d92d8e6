package dev.freshet.tasks.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses a block of complete data lines of a CSV batch into column-major doubles, for the parallel ingest. It takes
 * only the strictest form of a regular file — every field a decimal number ({@code [+-]digits[.digits][e[+-]digits]},
 * no spaces, quotes or other letters), the header's number of fields on every line, LF or CRLF — and declines
 * anything else, which the other readers then take as before (and name at its file and line when it is wrong).
 *
 * <p>A value is the double nearest the field's decimal, as every correct parser gives: a field whose digits make an
 * integer of at most 2^53 and whose power of ten (exponent less places) is within ±22 is that integer times or
 * divided by that power (both exact doubles, so the result is rounded once, correctly); any other goes to
 * {@link Double#parseDouble}. Each row's holdout hash is the FNV-1a that {@link CsvPrescan} computes from the same
 * bytes, so a row falls on the same side of the split as before.
 */
final class CsvBlockParser {

    static final double[] POW10 = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private static final long PRIME = HoldoutSplit.PRIME;
    private static final long EXACT = 1L << 53;

    /**
     * A parsed block, in arrays reused from block to block. {@code columns()[j][r]} is row r's value in column j,
     * {@code hashes()[r]} row r's holdout hash; {@code declined()} is why the block is not taken, or null.
     */
    static final class Block {
        private double[][] columns;
        private long[] hashes;
        private int rows;
        private boolean sawCrLf;
        private boolean sawLf;
        private String declined;

        Block(int width, int capacity) {
            int room = Math.max(16, capacity);
            this.columns = new double[width][room];
            this.hashes = new long[room];
        }

        private void reset() {
            rows = 0;
            sawCrLf = false;
            sawLf = false;
            declined = null;
        }

        private void grow() {
            int room = hashes.length * 2;
            for (int j = 0; j < columns.length; j++) {
                columns[j] = Arrays.copyOf(columns[j], room);
            }
            hashes = Arrays.copyOf(hashes, room);
        }

        private Block decline(String why) {
            declined = why;
            rows = 0;
            return this;
        }

        int rows() {
            return rows;
        }

        double[][] columns() {
            return columns;
        }

        long[] hashes() {
            return hashes;
        }

        boolean sawCrLf() {
            return sawCrLf;
        }

        boolean sawLf() {
            return sawLf;
        }

        String declined() {
            return declined;
        }
    }

    private final int width;
    private final long hashStart;

    CsvBlockParser(int width, long hashStart) {
        this.width = width;
        this.hashStart = hashStart;
    }

    /**
     * Parses the lines of {@code bytes[from, to)}: every line but possibly the last ends with a line feed (a last line
     * without one is the end of the file). {@code capacity} is a guess of the row count.
     */
    Block parse(byte[] bytes, int from, int to, int capacity) {
        return parse(bytes, from, to, new Block(width, capacity));
    }

    /** Parses into {@code into}, whose arrays grow as needed and are kept for the next block; returns it. */
    Block parse(byte[] bytes, int from, int to, Block into) {
        into.reset();
        int rows = 0;
        double[][] columns = into.columns;
        long[] hashes = into.hashes;
        boolean sawCrLf = false;
        boolean sawLf = false;
        int i = from;
        while (i < to) {
            if (rows == hashes.length) {
                into.grow();
                columns = into.columns;
                hashes = into.hashes;
            }
            long hash = hashStart;
            int column = 0;
            while (true) {
                // one field, from i
                int start = i;
                boolean negative = false;
                byte b = i < to ? bytes[i] : (byte) '\n';
                if (b == '-' || b == '+') {
                    negative = b == '-';
                    hash = (hash ^ b) * PRIME;
                    i++;
                }
                // the digits, in tight loops: leading zeros count, so 18 digits cannot overflow the long
                long mantissa = 0;
                int digitsStart = i;
                while (i < to) {
                    b = bytes[i];
                    int d = b - '0';
                    if (d < 0 || d > 9) {
                        break;
                    }
                    mantissa = mantissa * 10 + d;
                    hash = (hash ^ b) * PRIME;
                    i++;
                }
                int digits = i - digitsStart;
                int scale = 0;
                if (i < to && bytes[i] == '.') {
                    hash = (hash ^ '.') * PRIME;
                    i++;
                    int fractionStart = i;
                    while (i < to) {
                        b = bytes[i];
                        int d = b - '0';
                        if (d < 0 || d > 9) {
                            break;
                        }
                        mantissa = mantissa * 10 + d;
                        hash = (hash ^ b) * PRIME;
                        i++;
                    }
                    scale = i - fractionStart;
                    digits += scale;
                }
                if (digits == 0) {
                    return into.decline("a field that is not a plain number near byte " + start);
                }
                int exponent = 0;
                boolean longExponent = false;
                if (i < to && (bytes[i] == 'e' || bytes[i] == 'E')) {
                    hash = (hash ^ bytes[i]) * PRIME;
                    i++;
                    boolean negativeExponent = false;
                    if (i < to && (bytes[i] == '-' || bytes[i] == '+')) {
                        negativeExponent = bytes[i] == '-';
                        hash = (hash ^ bytes[i]) * PRIME;
                        i++;
                    }
                    int exponentStart = i;
                    while (i < to && bytes[i] >= '0' && bytes[i] <= '9') {
                        if (exponent < 10_000) {
                            exponent = exponent * 10 + bytes[i] - '0';
                        } else {
                            longExponent = true;
                        }
                        hash = (hash ^ bytes[i]) * PRIME;
                        i++;
                    }
                    if (i == exponentStart) {
                        return into.decline("a field that is not a plain number near byte " + start);
                    }
                    if (negativeExponent) {
                        exponent = -exponent;
                    }
                }
                // the value is mantissa * 10^power; its places after the point are -power (at least 0)
                int power = exponent - scale;
                double value;
                if (digits <= 18
                        && mantissa <= EXACT
                        && !longExponent
                        && power > -POW10.length
                        && power < POW10.length) {
                    value = power >= 0 ? mantissa * POW10[power] : mantissa / POW10[-power];
                    if (negative) {
                        value = -value;
                    }
                } else {
                    value = Double.parseDouble(new String(bytes, start, i - start, StandardCharsets.ISO_8859_1));
                    if (Double.isInfinite(value)) {
                        return into.decline("a number too large for a double near byte " + start);
                    }
                }
                if (column == width) {
                    return into.decline("a line with more fields than the header near byte " + start);
                }
                columns[column][rows] = value;
                column++;
                if (i >= to) {
                    break; // the file's last line, without a line feed
                }
                b = bytes[i++];
                if (b == ',') {
                    hash = (hash ^ 0x1f) * PRIME;
                    continue;
                }
                if (b == '\n') {
                    sawLf = true;
                    break;
                }
                if (b == '\r' && i < to && bytes[i] == '\n') {
                    i++;
                    sawCrLf = true;
                    break;
                }
                return into.decline("a byte that is not part of a plain number near byte " + (i - 1));
            }
            if (column != width) {
                return into.decline("a line with fewer fields than the header");
            }
            hashes[rows] = (hash ^ 0x1f) * PRIME;
            rows++;
        }
        into.rows = rows;
        into.sawCrLf = sawCrLf;
        into.sawLf = sawLf;
        return into;
    }

    /** Whether a value, stored as the integer {@code unscaled} at {@code scale}, reads back as the same double. */
    static boolean exact(double value, long unscaled, int scale) {
        double back = scale == 0 ? (double) unscaled : unscaled / POW10[scale];
        // not Math.abs: the long's least value is its own absolute value
        return Double.doubleToRawLongBits(back) == Double.doubleToRawLongBits(value)
                && unscaled > -EXACT
                && unscaled < EXACT;
    }
}
