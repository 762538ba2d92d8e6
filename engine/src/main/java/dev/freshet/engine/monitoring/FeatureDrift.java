package dev.freshet.engine.monitoring;

/**
 * How far one feature of the served traffic is from the champion's training data, with the validation gate's
 * statistics and thresholds: drifted when the KS p-value is below the gate's or the PSI reaches the gate's.
 */
public record FeatureDrift(
        String feature,
        double ksStatistic,
        double ksPValue,
        double psi,
        int referenceValues,
        int currentValues,
        boolean drifted) {}
