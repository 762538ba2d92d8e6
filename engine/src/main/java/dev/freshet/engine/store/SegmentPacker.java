package dev.freshet.engine.store;

import dev.freshet.engine.monitoring.ScoredBatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Packs scored batches into segments: one per id prefix, model version and row width, cut where a segment would
 * exceed {@link PredictionSegment#MAX_ROWS} rows, {@link PredictionSegment#MAX_BYTES} bytes or span more than
 * {@link PredictionSegment#MAX_SPAN} counters. It runs on the writer thread, which shares the CPU with scoring, so
 * it reads each batch's rows once, allocates nothing per row, and looks a batch's group up only when it differs
 * from the batch before's (a flush of one server is nearly always one group).
 */
final class SegmentPacker {
    private SegmentPacker() {}

    /** A segment ready to insert. */
    record Packed(
            String prefix,
            long first,
            long last,
            String model,
            int version,
            Instant firstAt,
            Instant lastAt,
            int rows,
            int featureCount,
            byte[] data) {}

    private record Key(String prefix, String model, int version, int featureCount) {
        boolean holds(ScoredBatch batch, int width) {
            return prefix.equals(batch.ids().prefix())
                    && model.equals(batch.model())
                    && version == batch.version()
                    && featureCount == width;
        }
    }

    /** The batches of one key and their number of rows. */
    private static final class Group {
        final List<ScoredBatch> batches = new ArrayList<>();
        int rows;
    }

    static List<Packed> pack(List<ScoredBatch> batches) {
        Map<Key, Group> groups = new LinkedHashMap<>();
        Key lastKey = null;
        Group lastGroup = null;
        for (ScoredBatch batch : batches) {
            if (batch.rows() == 0) {
                continue;
            }
            int width = batch.features()[0].length;
            if (lastKey == null || !lastKey.holds(batch, width)) {
                lastKey = new Key(batch.ids().prefix(), batch.model(), batch.version(), width);
                lastGroup = groups.computeIfAbsent(lastKey, k -> new Group());
            }
            lastGroup.batches.add(batch);
            lastGroup.rows += batch.rows();
        }
        List<Packed> packed = new ArrayList<>();
        groups.forEach((key, group) -> new GroupPacker(key, group.rows).pack(group.batches, packed));
        return packed;
    }

    /** The segments of one group, written row by row as the batches are read. */
    private static final class GroupPacker {
        private final Key key;
        private final int maxRows;
        private final PredictionSegment.Writer writer;
        private long min;
        private long max;
        private Instant firstAt;
        private Instant lastAt;

        GroupPacker(Key key, int rows) {
            this.key = key;
            this.maxRows = Math.max(
                    1,
                    Math.min(
                            PredictionSegment.MAX_ROWS,
                            PredictionSegment.MAX_BYTES / PredictionSegment.rowBytes(key.featureCount())));
            this.writer = new PredictionSegment.Writer(Math.min(rows, maxRows), key.featureCount());
        }

        void pack(List<ScoredBatch> batches, List<Packed> out) {
            for (ScoredBatch batch : batches) {
                long first = batch.ids().first();
                Instant at = batch.time();
                long micros = PredictionSegment.micros(at);
                double[] predictions = batch.predictions();
                double[][] features = batch.features();
                for (int r = 0; r < predictions.length; r++) {
                    long counter = first + r;
                    if (writer.rows() > 0
                            && (writer.rows() >= maxRows
                                    || Math.max(max, counter) - Math.min(min, counter) > PredictionSegment.MAX_SPAN)) {
                        out.add(segment());
                    }
                    if (writer.rows() == 0) {
                        min = counter;
                        max = counter;
                        firstAt = at;
                        lastAt = at;
                    } else {
                        min = Math.min(min, counter);
                        max = Math.max(max, counter);
                        if (r == 0) {
                            firstAt = at.isBefore(firstAt) ? at : firstAt;
                            lastAt = at.isAfter(lastAt) ? at : lastAt;
                        }
                    }
                    writer.add(counter, micros, predictions[r], features[r]);
                }
            }
            if (writer.rows() > 0) {
                out.add(segment());
            }
        }

        private Packed segment() {
            int rows = writer.rows();
            byte[] data = writer.take(min, PredictionSegment.micros(firstAt));
            return new Packed(
                    key.prefix(),
                    min,
                    max,
                    key.model(),
                    key.version(),
                    firstAt,
                    lastAt,
                    rows,
                    key.featureCount(),
                    data);
        }
    }
}
