package dev.freshet.engine.drift;

/**
 * How far one column's current values are from its reference values.
 *
 * @param ksStatistic the two-sample Kolmogorov–Smirnov statistic D (largest gap between the two empirical CDFs)
 * @param ksPValue    the probability of a D at least this large if both samples came from one distribution
 * @param psi         the population stability index over the reference's quantile bins
 * @param referenceCount values compared from the reference (after sampling)
 * @param currentCount   values compared from the current data (after sampling)
 */
public record ColumnDrift(double ksStatistic, double ksPValue, double psi, int referenceCount, int currentCount) {}
