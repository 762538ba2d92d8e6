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
 * {@link PredictionSegment#MAX_SPAN} counters.
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
            String data) {}

    private record Key(String prefix, String model, int version, int featureCount) {}

    /** One row of a batch. */
    private record Slot(ScoredBatch batch, int row) {
        long counter() {
            return batch.ids().first() + row;
        }
    }

    static List<Packed> pack(List<ScoredBatch> batches) {
        Map<Key, List<ScoredBatch>> groups = new LinkedHashMap<>();
        for (ScoredBatch batch : batches) {
            if (batch.rows() == 0) {
                continue;
            }
            int width = batch.features()[0].length;
            groups.computeIfAbsent(
                            new Key(batch.ids().prefix(), batch.model(), batch.version(), width),
                            k -> new ArrayList<>())
                    .add(batch);
        }
        List<Packed> packed = new ArrayList<>();
        groups.forEach((key, group) -> packGroup(key, group, packed));
        return packed;
    }

    private static void packGroup(Key key, List<ScoredBatch> group, List<Packed> out) {
        int maxRows = Math.max(
                1,
                Math.min(
                        PredictionSegment.MAX_ROWS,
                        PredictionSegment.MAX_BYTES / PredictionSegment.rowBytes(key.featureCount())));
        List<Slot> current = new ArrayList<>();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (ScoredBatch batch : group) {
            for (int r = 0; r < batch.rows(); r++) {
                long counter = batch.ids().first() + r;
                long newMin = Math.min(min, counter);
                long newMax = Math.max(max, counter);
                if (!current.isEmpty() && (current.size() >= maxRows || newMax - newMin > PredictionSegment.MAX_SPAN)) {
                    out.add(segment(key, current, min, max));
                    current.clear();
                    newMin = counter;
                    newMax = counter;
                }
                current.add(new Slot(batch, r));
                min = newMin;
                max = newMax;
            }
        }
        if (!current.isEmpty()) {
            out.add(segment(key, current, min, max));
        }
    }

    private static Packed segment(Key key, List<Slot> slots, long min, long max) {
        Instant firstAt = slots.get(0).batch().time();
        Instant lastAt = firstAt;
        for (Slot slot : slots) {
            Instant at = slot.batch().time();
            firstAt = at.isBefore(firstAt) ? at : firstAt;
            lastAt = at.isAfter(lastAt) ? at : lastAt;
        }
        PredictionSegment.Writer writer = new PredictionSegment.Writer(slots.size(), key.featureCount(), min, firstAt);
        for (Slot slot : slots) {
            ScoredBatch batch = slot.batch();
            writer.add(slot.counter(), batch.time(), batch.predictions()[slot.row()], batch.features()[slot.row()]);
        }
        return new Packed(
                key.prefix(),
                min,
                max,
                key.model(),
                key.version(),
                firstAt,
                lastAt,
                slots.size(),
                key.featureCount(),
                writer.encoded());
    }
}
