package dev.freshet.engine.drift;

import dev.freshet.engine.error.InvalidInputException;

import java.util.List;

/**
 * When a column has drifted from the reference: its KS p-value is below {@code pValue} or its PSI reaches
 * {@code psi}; and when the data set has: the share of drifted columns reaches {@code datasetShare}.
 *
 * @param columns    the columns to compare; empty for every column the two data sets share
 * @param sampleSize most values per column compared (see {@link DriftStatistics})
 * @param psiBins    quantile bins of the reference for PSI
 */
public record DriftRules(
        boolean enabled,
        double pValue,
        double psi,
        double datasetShare,
        int sampleSize,
        int psiBins,
        List<String> columns) {

    public static final DriftRules DEFAULTS = new DriftRules(true, 0.01, 0.2, 0.5, 10_000, 10, List.of());

    public DriftRules {
        if (!(pValue > 0 && pValue < 1)) {
            throw new InvalidInputException("drift.p_value must be between 0 and 1, was " + pValue);
        }
        if (!(psi > 0)) {
            throw new InvalidInputException("drift.psi must be above 0, was " + psi);
        }
        if (!(datasetShare > 0 && datasetShare <= 1)) {
            throw new InvalidInputException("drift.share must be above 0 and at most 1, was " + datasetShare);
        }
        columns = List.copyOf(columns);
    }
}
