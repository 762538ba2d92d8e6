package dev.freshet.engine.monitoring;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * Rows of the prediction log packed into one {@code prediction_segments} row: the counters of their ids (the
 * segment's prefix, {@code first} plus a delta), their times (microseconds after {@code firstAt}), predictions and
 * features, little-endian, in the binary column {@code rows_packed}. Writing a segment costs one insert for up to
 * {@link #MAX_ROWS} scored rows. Segments written before that column existed hold the same bytes in base64 text,
 * {@code rows_data}, and are read as well ({@link #readBase64}).
 */
public final class PredictionSegment {
    /** Most rows in one segment. */
    public static final int MAX_ROWS = 4_096;
    /** Most counters one segment spans, so the segment of an id lies in a short range of the primary key. */
    public static final long MAX_SPAN = 65_535;
    /**
     * Most packed bytes, so that no array a write allocates is a humongous object to G1 (half a region, and regions
     * are at least 1 MiB; in base64, as segments were once stored, this made 256 KiB). Larger segments (600,000 bytes,
     * once) made every write allocate humongous arrays, and each of those forced a young collection: four a second at
     * 50,000 logged rows a second, every one copying the rows waiting in the queue. A row larger than this is a
     * segment of its own.
     */
    public static final int MAX_BYTES = 192 * 1024;

    private PredictionSegment() {}

    static int rowBytes(int featureCount) {
        return Integer.BYTES + Long.BYTES + Double.BYTES * (1 + featureCount);
    }

    /**
     * Packs rows as they come, in one pass: a row's counter and time are written against the segment's first row,
     * and {@link #take} moves them onto the smallest counter and earliest time once those are known (rows of
     * concurrent requests reach the log a little out of order). The buffer is reused for segment after segment.
     */
    static final class Writer {
        private ByteBuffer out;
        private final int rowBytes;
        private final int maxBytes;
        private long base;
        private long baseMicros;
        private int rows;

        /**
         * A writer whose buffer starts with room for {@code initialRows} and doubles as rows come, up to
         * {@code maxRows}: a model with little traffic holds a small buffer, not a whole segment's.
         */
        Writer(int initialRows, int maxRows, int featureCount) {
            this.rowBytes = rowBytes(featureCount);
            this.maxBytes = Math.max(1, maxRows) * rowBytes;
            this.out = ByteBuffer.allocate(Math.max(1, Math.min(initialRows, maxRows)) * rowBytes)
                    .order(ByteOrder.LITTLE_ENDIAN);
        }

        private void makeRoom() {
            if (out.remaining() < rowBytes) {
                int capacity = Math.max(Math.min(out.capacity() * 2, maxBytes), out.position() + rowBytes);
                ByteBuffer larger = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
                out.flip();
                larger.put(out);
                out = larger;
            }
        }

        int rows() {
            return rows;
        }

        /** Adds a row: its counter must lie within {@link #MAX_SPAN} of every other row's of this segment. */
        void add(long counter, long micros, double prediction, double[] features) {
            if (rows == 0) {
                base = counter;
                baseMicros = micros;
            }
            makeRoom();
            out.putInt((int) (counter - base));
            out.putLong(micros - baseMicros);
            out.putDouble(prediction);
            for (double value : features) {
                out.putDouble(value);
            }
            rows++;
        }

        /** The rows so far as a segment's data with counters from {@code first} and times from firstMicros. */
        byte[] take(long first, long firstMicros) {
            if (rows == 0) {
                return new byte[0];
            }
            int counterShift = (int) (base - first);
            long microsShift = baseMicros - firstMicros;
            if (counterShift != 0 || microsShift != 0) {
                for (int at = 0; at < out.position(); at += rowBytes) {
                    out.putInt(at, out.getInt(at) + counterShift);
                    out.putLong(at + Integer.BYTES, out.getLong(at + Integer.BYTES) + microsShift);
                }
            }
            byte[] packed = Arrays.copyOf(out.array(), out.position());
            out.clear();
            rows = 0;
            return packed;
        }
    }

    /** One row of a segment, read back. */
    public record Row(long counter, Instant at, double prediction, double[] features) {}

    /** The rows of a segment written in base64 text, before the binary column: the same bytes, encoded. */
    public static Row[] readBase64(String data, long first, Instant firstAt, int rows, int featureCount) {
        return read(Base64.getDecoder().decode(data), first, firstAt, rows, featureCount);
    }

    /** The rows of a stored segment, in the order they were packed. */
    public static Row[] read(byte[] data, long first, Instant firstAt, int rows, int featureCount) {
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
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

    public static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
    }

    public static Instant fromMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L);
    }
}
