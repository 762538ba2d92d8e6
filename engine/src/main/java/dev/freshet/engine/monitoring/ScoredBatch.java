package dev.freshet.engine.monitoring;

import java.time.Instant;
import java.util.Objects;

/**
 * The rows one scoring request scored, as the prediction log receives them: row {@code i} has the id
 * {@code ids.id(i)}, the values {@code features[i]} (in the model version's feature order) and the prediction
 * {@code predictions[i]}. One object per request, so logging allocates nothing per row on the request path.
 *
 * @param version the registry version, or 0 for a model served from a {@code runs:/} URI
 */
public record ScoredBatch(
        PredictionIds.Block ids, String model, int version, Instant time, double[][] features, double[] predictions) {
    public ScoredBatch {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(time, "time");
        if (features.length != predictions.length || ids.size() != predictions.length) {
            throw new IllegalArgumentException("ids, features and predictions must have one entry per row");
        }
    }

    public int rows() {
        return predictions.length;
    }
}
