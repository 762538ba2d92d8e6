package dev.freshet.engine.workflow;

import dev.freshet.engine.error.InvalidInputException;

import java.util.Objects;

/**
 * {@code trigger: { performance: { model, metric, above, min_labels } }}: a run when the champion's realized metric,
 * over at least {@code minLabels} joined labels, crosses above the line; once per crossing.
 */
public record PerformanceTrigger(String model, DecayMetric metric, DecayThreshold above, int minLabels) {
    public static final int DEFAULT_MIN_LABELS = 1;

    public PerformanceTrigger {
        if (model == null || model.isBlank()) {
            throw new InvalidInputException("trigger.performance.model must name a registered model");
        }
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(above, "above");
        if (minLabels < 1) {
            throw new InvalidInputException("trigger.performance.min_labels must be at least 1, got " + minLabels);
        }
    }
}
