package dev.freshet.engine.monitoring;

import dev.freshet.engine.error.InvalidInputException;

import java.util.Objects;

/** The ground truth for one prediction. */
public record Label(String predictionId, double label) {
    public Label {
        Objects.requireNonNull(predictionId, "predictionId");
        if (!Double.isFinite(label)) {
            throw new InvalidInputException("label of '" + predictionId + "' must be a finite number, was " + label);
        }
    }
}
