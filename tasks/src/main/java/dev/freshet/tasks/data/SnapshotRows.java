package dev.freshet.tasks.data;

import dev.freshet.engine.error.InvalidInputException;

import java.util.Arrays;
import java.util.function.Consumer;

/** Walks the complete rows of one side of a snapshot's split, a chunk or one reused row array at a time. */
public final class SnapshotRows {
    private SnapshotRows() {}

    /** Which rows to take. */
    public enum Side {
        ALL,
        TRAIN,
        HOLDOUT
    }

    /** Takes the rows of a chunk that are kept: {@code values[column][rows[0..count)]}, in order. */
    @FunctionalInterface
    public interface ChunkConsumer {
        void accept(double[][] values, int[] rows, int count);
    }

    /**
     * Passes each row of the side whose every value is a finite number to {@code each} (in column order, the
     * array reused); returns how many rows of the side were left out for a missing value.
     */
    public static int forEach(
            SnapshotReader reader, HoldoutMask mask, Side side, Progress progress, Consumer<double[]> each) {
        double[] row = new double[reader.columns().size()];
        return forEachChunk(reader, mask, side, progress, (values, rows, count) -> {
            for (int r = 0; r < count; r++) {
                int i = rows[r];
                for (int j = 0; j < row.length; j++) {
                    row[j] = values[j][i];
                }
                each.accept(row);
            }
        });
    }

    /**
     * Passes each chunk the reader reads, column-major as it reads it, to {@code each} with the indices of its rows
     * that are on the side and whose every value is a finite number, in order; returns how many rows of the side were
     * left out for a missing value. The chunk's values are not copied.
     */
    public static int forEachChunk(
            SnapshotReader reader, HoldoutMask mask, Side side, Progress progress, ChunkConsumer each) {
        if (mask != null && mask.rows() != reader.rowCount()) {
            throw new InvalidInputException(
                    reader.file() + ": the split has " + mask.rows() + " rows, the data set " + reader.rowCount());
        }
        boolean everyRow = side == Side.ALL || mask == null;
        boolean holdout = side == Side.HOLDOUT;
        boolean[] incomplete = new boolean[0];
        int[] kept = new int[0];
        int dropped = 0;
        while (reader.next()) {
            double[][] values = reader.values();
            int n = reader.chunkRows();
            int first = (int) reader.firstRow();
            if (incomplete.length < n) {
                incomplete = new boolean[n];
                kept = new int[n];
            } else {
                Arrays.fill(incomplete, 0, n, false);
            }
            for (double[] column : values) {
                for (int i = 0; i < n; i++) {
                    incomplete[i] |= Double.isNaN(column[i]);
                }
            }
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (!everyRow && mask.isHoldout(first + i) != holdout) {
                    continue;
                }
                if (incomplete[i]) {
                    dropped++;
                } else {
                    kept[count++] = i;
                }
            }
            each.accept(values, kept, count);
            progress.atRows(reader.rowsRead());
        }
        return dropped;
    }
}
