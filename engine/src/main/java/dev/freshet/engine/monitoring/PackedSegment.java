package dev.freshet.engine.monitoring;

import java.time.Instant;

/**
 * Rows of the prediction log packed into one segment, ready to insert: ids {@code prefix + first … last} (not
 * necessarily every counter between), one model version, {@code rows} rows of {@code featureCount} features each in
 * {@code data} (the format of {@link PredictionSegment}).
 */
public record PackedSegment(
        String prefix,
        long first,
        long last,
        String model,
        int version,
        Instant firstAt,
        Instant lastAt,
        int rows,
        int featureCount,
        byte[] data) {}
