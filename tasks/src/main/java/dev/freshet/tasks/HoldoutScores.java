package dev.freshet.tasks;

import dev.freshet.tasks.data.HoldoutMask;
import dev.freshet.tasks.data.Progress;
import dev.freshet.tasks.data.SnapshotReader;
import dev.freshet.tasks.data.SnapshotRows;
import dev.freshet.tasks.model.ColumnPredictor;

/**
 * The held-out rows of a snapshot's split, scored straight from the reader's column-major chunks: the actual values
 * and each model's predictions (8 bytes per held-out row and model) are all that is kept, never a row.
 *
 * @param championPredicted the champion's predictions, or null when there is no champion to score
 * @param dropped           held-out rows left out for a missing value
 */
record HoldoutScores(double[] actual, double[] predicted, double[] championPredicted, int dropped) {

    /**
     * Reads the snapshot to its end; {@code target} is the target's column, {@code champion} may be null. Each model
     * predicts every row of a chunk down its feature columns, a loop without gaps that the JIT can run on vectors, and
     * the held-out rows' predictions are picked from them.
     */
    static HoldoutScores score(
            SnapshotReader reader,
            HoldoutMask mask,
            int target,
            ColumnPredictor candidate,
            ColumnPredictor champion,
            Progress progress) {
        DoubleList actual = new DoubleList();
        DoubleList predicted = new DoubleList();
        DoubleList championPredicted = champion == null ? null : new DoubleList();
        int dropped = SnapshotRows.forEachChunk(
                reader, mask, SnapshotRows.Side.HOLDOUT, progress, (values, chunkRows, rows, count) -> {
                    if (count == 0) {
                        return;
                    }
                    actual.addPicked(values[target], rows, count);
                    predicted.addPicked(candidate.predict(values, chunkRows), rows, count);
                    if (champion != null) {
                        championPredicted.addPicked(champion.predict(values, chunkRows), rows, count);
                    }
                });
        return new HoldoutScores(
                actual.toArray(),
                predicted.toArray(),
                championPredicted == null ? null : championPredicted.toArray(),
                dropped);
    }
}
