package dev.freshet.engine.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Base64;

/**
 * Rows of the prediction log packed into one {@code prediction_segments} row: the counters of their ids (the
 * segment's prefix, {@code first} plus a delta), their times (microseconds after {@code firstAt}), predictions and
 * features, little-endian, in base64. Writing a segment costs one insert for up to {@link #MAX_ROWS} scored rows.
 */
final class PredictionSegment {
    /** Most rows in one segment. */
    static final int MAX_ROWS = 4_096;
    /** Most counters one segment spans, so the segment of an id lies in a short range of the primary key. */
    static final long MAX_SPAN = 65_535;
    /** Most packed bytes, well within the column once in base64. */
    static final int MAX_BYTES = 600_000;

    private PredictionSegment() {}

    static int rowBytes(int featureCount) {
        return Integer.BYTES + Long.BYTES + Double.BYTES * (1 + featureCount);
    }

    /** Packs rows whose counters lie in {@code first..first+MAX_SPAN} and whose times are at or after firstAt. */
    static final class Writer {
        private final ByteBuffer out;
        private final long first;
        private final long firstMicros;

        Writer(int rows, int featureCount, long first, Instant firstAt) {
            this.out = ByteBuffer.allocate(rows * rowBytes(featureCount)).order(ByteOrder.LITTLE_ENDIAN);
            this.first = first;
            this.firstMicros = micros(firstAt);
        }

        void add(long counter, Instant at, double prediction, double[] features) {
            out.putInt((int) (counter - first));
            out.putLong(micros(at) - firstMicros);
            out.putDouble(prediction);
            for (double value : features) {
                out.putDouble(value);
            }
        }

        String encoded() {
            return Base64.getEncoder().encodeToString(out.array());
        }
    }

    /** One row of a segment, read back. */
    record Row(long counter, Instant at, double prediction, double[] features) {}

    /** The rows of a stored segment, in the order they were packed. */
    static Row[] read(String data, long first, Instant firstAt, int rows, int featureCount) {
        ByteBuffer in = ByteBuffer.wrap(Base64.getDecoder().decode(data)).order(ByteOrder.LITTLE_ENDIAN);
        long firstMicros = micros(firstAt);
        Row[] out = new Row[rows];
        for (int r = 0; r < rows; r++) {
            long counter = first + in.getInt();
            Instant at = fromMicros(firstMicros + in.getLong());
            double prediction = in.getDouble();
            double[] features = new double[featureCount];
            for (int j = 0; j < featureCount; j++) {
                features[j] = in.getDouble();
            }
            out[r] = new Row(counter, at, prediction, features);
        }
        return out;
    }

    static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
    }

    static Instant fromMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L);
    }
}
