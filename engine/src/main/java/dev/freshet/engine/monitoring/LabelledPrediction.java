package dev.freshet.engine.monitoring;

import java.time.Instant;
import java.util.Objects;

/** A logged prediction with the ground truth that came back for it: one row of a training batch. */
public record LabelledPrediction(
        String predictionId, int version, Instant predictedAt, double[] features, double prediction, double label) {
    public LabelledPrediction {
        Objects.requireNonNull(predictionId, "predictionId");
        Objects.requireNonNull(predictedAt, "predictedAt");
        Objects.requireNonNull(features, "features");
    }
}
