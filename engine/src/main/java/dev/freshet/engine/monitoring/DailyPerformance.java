package dev.freshet.engine.monitoring;

import java.time.LocalDate;

/**
 * How one model version did on one day (UTC, by prediction time) over the predictions that have a label: count, root
 * mean squared and mean absolute error.
 */
public record DailyPerformance(LocalDate day, int version, long labels, double rmse, double mae) {}
