package dev.freshet.engine.monitoring;

import java.util.List;

/**
 * Packs the rows of one id prefix, model version and row width into segments as they come, cutting a segment where
 * it would exceed {@link PredictionSegment#MAX_ROWS} rows, {@link PredictionSegment#MAX_BYTES} bytes or span more
 * than {@link PredictionSegment#MAX_SPAN} counters. Its buffer is reused from segment to segment; a sealed segment is
 * a copy of the bytes written. Not thread-safe.
 */
public final class SegmentBuilder {
    private final String prefix;
    private final String model;
    private final int version;
    private final int featureCount;
    private final int maxRows;
    private final PredictionSegment.Writer writer;
    private long min;
    private long max;
    private long firstMicros;
    private long lastMicros;

    /** A builder whose buffer starts with room for {@code expectedRows} rows (at most a segment's) and grows as needed. */
    public SegmentBuilder(String prefix, String model, int version, int featureCount, int expectedRows) {
        this.prefix = prefix;
        this.model = model;
        this.version = version;
        this.featureCount = featureCount;
        this.maxRows = Math.max(
                1,
                Math.min(
                        PredictionSegment.MAX_ROWS,
                        PredictionSegment.MAX_BYTES / PredictionSegment.rowBytes(featureCount)));
        this.writer = new PredictionSegment.Writer(expectedRows, maxRows, featureCount);
    }

    /** Whether rows of this prefix, model version and width belong to this builder's segments. */
    public boolean holds(String prefix, String model, int version, int featureCount) {
        return this.version == version
                && this.featureCount == featureCount
                && (this.prefix == prefix || this.prefix.equals(prefix))
                && (this.model == model || this.model.equals(model));
    }

    public String model() {
        return model;
    }

    /** Rows added since the last sealed segment. */
    public int rows() {
        return writer.rows();
    }

    /** Adds a row; the rows before it go to {@code sealed} as a segment first if this one would not fit theirs. */
    public void add(long counter, long micros, double prediction, double[] features, List<PackedSegment> sealed) {
        int rows = writer.rows();
        if (rows > 0
                && (rows >= maxRows || Math.max(max, counter) - Math.min(min, counter) > PredictionSegment.MAX_SPAN)) {
            sealed.add(seal());
            rows = 0;
        }
        if (rows == 0) {
            min = counter;
            max = counter;
            firstMicros = micros;
            lastMicros = micros;
        } else {
            min = Math.min(min, counter);
            max = Math.max(max, counter);
            firstMicros = Math.min(firstMicros, micros);
            lastMicros = Math.max(lastMicros, micros);
        }
        writer.add(counter, micros, prediction, features);
    }

    /** The rows added so far as a segment (to {@code sealed}), if there are any. */
    public void sealInto(List<PackedSegment> sealed) {
        if (writer.rows() > 0) {
            sealed.add(seal());
        }
    }

    private PackedSegment seal() {
        int rows = writer.rows();
        byte[] data = writer.take(min, firstMicros);
        return new PackedSegment(
                prefix,
                min,
                max,
                model,
                version,
                PredictionSegment.fromMicros(firstMicros),
                PredictionSegment.fromMicros(lastMicros),
                rows,
                featureCount,
                data);
    }
}
