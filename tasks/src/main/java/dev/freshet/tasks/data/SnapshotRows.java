package dev.freshet.tasks.data;

import dev.freshet.engine.error.InvalidInputException;

import java.util.function.Consumer;

/** Walks the complete rows of one side of a snapshot's split, one reused row array at a time. */
public final class SnapshotRows {
    private SnapshotRows() {}

    /** Which rows to take. */
    public enum Side {
        ALL,
        TRAIN,
        HOLDOUT
    }

    /**
     * Passes each row of the side whose every value is a finite number to {@code each} (in column order, the
     * array reused); returns how many rows of the side were left out for a missing value.
     */
    public static int forEach(
            SnapshotReader reader, HoldoutMask mask, Side side, Progress progress, Consumer<double[]> each) {
        if (mask != null && mask.rows() != reader.rowCount()) {
            throw new InvalidInputException(
                    reader.file() + ": the split has " + mask.rows() + " rows, the data set " + reader.rowCount());
        }
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
}
