package dev.freshet.tasks.data;

import dev.freshet.engine.error.InvalidInputException;

import java.util.function.Consumer;

/**
 * Walks the complete rows of one side of a snapshot's split: one reused row array at a time, or a chunk at a time
 * as the reader holds it, column-major.
 */
public final class SnapshotRows {
    private SnapshotRows() {}

    /** Which rows to take. */
    public enum Side {
        ALL,
        TRAIN,
        HOLDOUT
    }

    /** One chunk of the reader and which of its rows are taken. */
    @FunctionalInterface
    public interface ChunkConsumer {
        /**
         * {@code values} is the reader's chunk, column-major, {@code chunkRows} rows long; {@code rows[0 … count - 1]}
         * are the chunk positions of the rows taken, ascending. Both arrays are reused for the next chunk.
         */
        void accept(double[][] values, int chunkRows, int[] rows, int count);
    }

    /**
     * Passes each chunk to {@code each} with the positions of its rows of the side whose every value is a finite
     * number, found column by column with no array per row: the same rows {@link #forEach} passes, in the same
     * order. Returns how many rows of the side were left out for a missing value.
     */
    public static int forEachChunk(
            SnapshotReader reader, HoldoutMask mask, Side side, Progress progress, ChunkConsumer each) {
        checkSplit(reader, mask);
        int[] rows = new int[0];
        int dropped = 0;
        boolean finite = reader.alwaysFinite();
        while (reader.next()) {
            double[][] values = reader.values();
            int size = reader.chunkRows();
            if (rows.length < size) {
                rows = new int[size];
            }
            int first = (int) reader.firstRow();
            int count = 0;
            for (int i = 0; i < size; i++) {
                if (side == Side.ALL || mask == null || mask.isHoldout(first + i) == (side == Side.HOLDOUT)) {
                    rows[count++] = i;
                }
            }
            int onSide = count;
            if (!finite) { // a snapshot of the project's own layout holds no missing value
                for (double[] column : values) {
                    int kept = 0;
                    for (int k = 0; k < count; k++) {
                        int i = rows[k];
                        if (!Double.isNaN(column[i])) {
                            rows[kept++] = i;
                        }
                    }
                    count = kept;
                }
            }
            dropped += onSide - count;
            each.accept(values, size, rows, count);
            progress.atRows(reader.rowsRead());
        }
        return dropped;
    }

    /**
     * Passes each row of the side whose every value is a finite number to {@code each} (in column order, the
     * array reused); returns how many rows of the side were left out for a missing value.
     */
    public static int forEach(
            SnapshotReader reader, HoldoutMask mask, Side side, Progress progress, Consumer<double[]> each) {
        checkSplit(reader, mask);
        int width = reader.columns().size();
        double[] row = new double[width];
        int dropped = 0;
        while (reader.next()) {
            double[][] values = reader.values();
            int first = (int) reader.firstRow();
            for (int i = 0; i < reader.chunkRows(); i++) {
                if (side != Side.ALL && mask != null && mask.isHoldout(first + i) != (side == Side.HOLDOUT)) {
                    continue;
                }
                boolean complete = true;
                for (int j = 0; j < width; j++) {
                    double value = values[j][i];
                    complete &= !Double.isNaN(value);
                    row[j] = value;
                }
                if (complete) {
                    each.accept(row);
                } else {
                    dropped++;
                }
            }
            progress.atRows(reader.rowsRead());
        }
        return dropped;
    }

    private static void checkSplit(SnapshotReader reader, HoldoutMask mask) {
        if (mask != null && mask.rows() != reader.rowCount()) {
            throw new InvalidInputException(
                    reader.file() + ": the split has " + mask.rows() + " rows, the data set " + reader.rowCount());
        }
    }
}
