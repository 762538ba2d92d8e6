package dev.freshet.engine.monitoring;

import java.time.Instant;

/** The features of one logged prediction, in the order of its model version's feature names. */
public record LoggedFeatures(int version, Instant at, double[] features) {}
