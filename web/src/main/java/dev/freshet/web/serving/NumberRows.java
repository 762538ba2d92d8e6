package dev.freshet.web.serving;

import com.fasterxml.jackson.core.io.NumberInput;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rest of a scoring body after a prefix {@link SplitReader} has already read with Jackson: the data array
 * {@code [[7.4, 0.17, …], …]} and then the two closing braces of {@code {"dataframe_split": {…}}}. Only that
 * shape, with numbers in JSON's own syntax converted by Jackson's {@link NumberInput}; anything else — a string, a
 * nested array, a field after the data, a number JSON does not allow — is null, and Jackson reads the body instead.
 *
 * <p>Why not Jackson here too: in the server a Jackson parse of a one-row body is most of the extra cost of an
 * invocation over a {@code /ping}, because its parser is set up anew for every body and its tables are
 * cold between requests; this loop over the bytes costs a fraction of that.
 */
final class NumberRows {
    private static final int LONGEST_NUMBER = 64;

    private final byte[] in;
    private final char[] number = new char[LONGEST_NUMBER];
    private int at;

    private NumberRows(byte[] in, int from) {
        this.in = in;
        this.at = from;
    }

    /** The rows, each sized to the values it holds, or null when the bytes from {@code from} are anything else. */
    static List<double[]> read(byte[] body, int from, int width) {
        return new NumberRows(body, from).rows(Math.max(1, Math.min(width, 1024)));
    }

    private List<double[]> rows(int width) {
        if (!take('[')) {
            return null;
        }
        List<double[]> rows = new ArrayList<>(1);
        double[] row = new double[width];
        if (!take(']')) {
            do {
                if (!take('[')) {
                    return null;
                }
                int n = 0;
                if (!take(']')) {
                    do {
                        double value = number();
                        if (!Double.isFinite(value)) {
                            return null; // NaN marks "not a JSON number" too
                        }
                        if (n == row.length) {
                            row = Arrays.copyOf(row, n * 2);
                        }
                        row[n++] = value;
                    } while (take(','));
                    if (!take(']')) {
                        return null;
                    }
                }
                rows.add(Arrays.copyOf(row, n));
            } while (take(','));
            if (!take(']')) {
                return null;
            }
        }
        return take('}') && take('}') && atEnd() ? rows : null;
    }

    /** Skips whitespace, then takes {@code c} if it is next. */
    private boolean take(char c) {
        skipWhitespace();
        if (at < in.length && in[at] == c) {
            at++;
            return true;
        }
        return false;
    }

    private boolean atEnd() {
        skipWhitespace();
        return at == in.length;
    }

    private void skipWhitespace() {
        while (at < in.length && (in[at] == ' ' || in[at] == '\n' || in[at] == '\r' || in[at] == '\t')) {
            at++;
        }
    }

    /** A number as JSON writes it: {@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}; NaN for anything else. */
    private double number() {
        skipWhitespace();
        int start = at;
        if (at < in.length && in[at] == '-') {
            at++;
        }
        if (at < in.length && in[at] == '0') {
            at++;
        } else if (digits() == 0) {
            return Double.NaN;
        }
        if (at < in.length && in[at] == '.') {
            at++;
            if (digits() == 0) {
                return Double.NaN;
            }
        }
        if (at < in.length && (in[at] == 'e' || in[at] == 'E')) {
            at++;
            if (at < in.length && (in[at] == '+' || in[at] == '-')) {
                at++;
            }
            if (digits() == 0) {
                return Double.NaN;
            }
        }
        int length = at - start;
        if (length > LONGEST_NUMBER) {
            return Double.NaN;
        }
        for (int i = 0; i < length; i++) {
            number[i] = (char) in[start + i];
        }
        return NumberInput.parseDouble(number, 0, length, true);
    }

    private int digits() {
        int start = at;
        while (at < in.length && in[at] >= '0' && in[at] <= '9') {
            at++;
        }
        return at - start;
    }
}
