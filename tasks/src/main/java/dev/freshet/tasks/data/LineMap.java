package dev.freshet.tasks.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Arrays;

/**
 * Where each row of a data-set snapshot came from: its line in the union of the batches (as {@link BatchSpan}s
 * count lines) and its data-row index there. Rows are stored as runs of consecutive rows on consecutive lines, so
 * a regular batch costs one run; a blank line, a value spanning lines or a ragged row (which the snapshot leaves
 * out) starts a new one. The map grows only with such irregular lines, not with rows.
 *
 * @param rows      the snapshot's row count
 * @param firstRow  per run, the snapshot row it starts at (ascending, the first 0)
 * @param firstLine per run, the union line of that row
 * @param firstUnionRow per run, the union's data-row index of that row
 */
public record LineMap(
        @JsonProperty("rows") int rows,
        @JsonProperty("first_row") int[] firstRow,
        @JsonProperty("first_line") int[] firstLine,
        @JsonProperty("first_union_row") int[] firstUnionRow) {

    @JsonCreator
    public LineMap {
        if (firstRow.length != firstLine.length || firstRow.length != firstUnionRow.length) {
            throw new IllegalArgumentException("one line and union row per run");
        }
    }

    /** The union line of snapshot row {@code row}. */
    public int line(int row) {
        int run = run(row);
        return firstLine[run] + (row - firstRow[run]);
    }

    /** The union's data-row index of snapshot row {@code row}. */
    public int unionRow(int row) {
        int run = run(row);
        return firstUnionRow[run] + (row - firstRow[run]);
    }

    /** The union's data-row index of the snapshot row starting at union line {@code line}, or -1. */
    public int unionRowAtLine(int line) {
        int run = Arrays.binarySearch(firstLine, line);
        if (run < 0) {
            run = -run - 2;
        }
        if (run < 0) {
            return -1;
        }
        int offset = line - firstLine[run];
        int end = run + 1 < firstRow.length ? firstRow[run + 1] : rows;
        return firstRow[run] + offset < end ? firstUnionRow[run] + offset : -1;
    }

    private int run(int row) {
        int run = Arrays.binarySearch(firstRow, row);
        return run >= 0 ? run : -run - 2;
    }

    /** Builds the map row by row. */
    public static final class Builder {
        private int[] firstRow = new int[16];
        private int[] firstLine = new int[16];
        private int[] firstUnionRow = new int[16];
        private int runs;
        private int rows;

        /** The next snapshot row is at union line {@code line} and union row {@code unionRow}. */
        public void row(int line, int unionRow) {
            if (runs == 0
                    || line - firstLine[runs - 1] != rows - firstRow[runs - 1]
                    || unionRow - firstUnionRow[runs - 1] != rows - firstRow[runs - 1]) {
                if (runs == firstRow.length) {
                    firstRow = Arrays.copyOf(firstRow, runs * 2);
                    firstLine = Arrays.copyOf(firstLine, runs * 2);
                    firstUnionRow = Arrays.copyOf(firstUnionRow, runs * 2);
                }
                firstRow[runs] = rows;
                firstLine[runs] = line;
                firstUnionRow[runs] = unionRow;
                runs++;
            }
            rows++;
        }

        /** {@code count} rows on consecutive lines from {@code line}, union rows from {@code unionRow}. */
        public void rows(int line, int unionRow, int count) {
            if (count <= 0) {
                return;
            }
            row(line, unionRow);
            rows += count - 1;
        }

        public LineMap build() {
            return new LineMap(
                    rows,
                    Arrays.copyOf(firstRow, runs),
                    Arrays.copyOf(firstLine, runs),
                    Arrays.copyOf(firstUnionRow, runs));
        }
    }
}
