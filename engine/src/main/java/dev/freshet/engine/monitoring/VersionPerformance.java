package dev.freshet.engine.monitoring;

/** How one model version did on the predictions that have a label: count, root mean squared and mean absolute error. */
public record VersionPerformance(int version, long labels, double rmse, double mae) {}
