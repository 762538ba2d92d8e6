package dev.freshet.engine.monitoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Packs whole scored batches into segments: one {@link SegmentBuilder} per id prefix, model version and row width, in
 * the order the groups first appear. The prediction log packs on the request threads instead ({@link PredictionLog});
 * this is for rows handed over in one list ({@link PredictionStore#append}).
 */
public final class SegmentPacker {
    private SegmentPacker() {}

    private record Key(String prefix, String model, int version, int featureCount) {}

    public static List<PackedSegment> pack(List<ScoredBatch> batches) {
        Map<Key, SegmentBuilder> builders = new LinkedHashMap<>();
        Map<Key, Integer> rowsPerKey = new LinkedHashMap<>();
        for (ScoredBatch batch : batches) {
            if (batch.rows() > 0) {
                rowsPerKey.merge(key(batch), batch.rows(), Integer::sum);
            }
        }
        List<PackedSegment> packed = new ArrayList<>();
        List<PackedSegment> sealed = new ArrayList<>();
        for (Map.Entry<Key, Integer> group : rowsPerKey.entrySet()) {
            Key key = group.getKey();
            builders.put(
                    key,
                    new SegmentBuilder(key.prefix(), key.model(), key.version(), key.featureCount(), group.getValue()));
        }
        // one group at a time, so that each group's segments come out together
        for (Map.Entry<Key, SegmentBuilder> group : builders.entrySet()) {
            SegmentBuilder builder = group.getValue();
            for (ScoredBatch batch : batches) {
                if (batch.rows() == 0 || !group.getKey().equals(key(batch))) {
                    continue;
                }
                long first = batch.ids().first();
                long micros = PredictionSegment.micros(batch.time());
                double[] predictions = batch.predictions();
                double[][] features = batch.features();
                for (int r = 0; r < predictions.length; r++) {
                    builder.add(first + r, micros, predictions[r], features[r], sealed);
                }
            }
            builder.sealInto(sealed);
            packed.addAll(sealed);
            sealed.clear();
        }
        return packed;
    }

    private static Key key(ScoredBatch batch) {
        return new Key(batch.ids().prefix(), batch.model(), batch.version(), batch.features()[0].length);
    }
}
