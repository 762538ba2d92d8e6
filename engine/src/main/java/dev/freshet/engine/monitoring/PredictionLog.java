package dev.freshet.engine.monitoring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ObjIntConsumer;

/**
 * The prediction log's request side: {@link #offer} packs a scored request's rows into a segment on the request's own
 * thread, while they are still in its caches, and returns; a background writer inserts the finished segments. The
 * rows go into one of a few stripes, each a {@link SegmentBuilder} behind a lock that a request only tries (a taken
 * stripe is passed for the next), so requests seldom meet and no request's objects wait for the writer. At most
 * {@code capacity} rows wait; a batch that would exceed it is dropped and counted, never waited for, so a slow or
 * absent database never slows scoring. The writer wakes every {@link #FLUSH_EVERY} (or as soon as {@code batchRows}
 * rows wait), seals what the stripes hold and writes the segments in writes of about {@code batchRows} rows, one
 * database round trip each. Few, large writes are what keeps the log cheap: the writer shares the CPU with scoring.
 */
public final class PredictionLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PredictionLog.class);
    public static final int DEFAULT_CAPACITY = 100_000;
    public static final int DEFAULT_BATCH_ROWS = 16_384;
    /** How long rows may wait for the writer when fewer than a batch wait. */
    public static final Duration FLUSH_EVERY = Duration.ofMillis(200);

    /** Told of rows written and dropped, e.g. to count them in metrics. */
    public interface Counts {
        Counts NONE = new Counts() {};

        default void written(String model, int rows) {}

        default void dropped(String model, int rows, DropReason reason) {}
    }

    public enum DropReason {
        /** More rows were waiting than the queue holds. */
        QUEUE_FULL,
        /** The database refused the write. */
        WRITE_FAILED
    }

    /**
     * Rows of the requests that took this stripe: a builder per id prefix, model version and width being packed (so
     * traffic to several models does not cut a segment at every change of model), and the segments sealed since the
     * last flush. A builder that received nothing between two flushes is dropped.
     */
    private static final class Stripe {
        /** A new builder's room, in rows; it doubles as rows come, so a quiet model version holds little. */
        static final int FIRST_ROWS = 64;

        final ReentrantLock lock = new ReentrantLock();
        final List<SegmentBuilder> open = new ArrayList<>(2);
        SegmentBuilder last;
        final List<PackedSegment> sealed = new ArrayList<>();
        /** Set by the writer's last sweep: rows packed after it would never be written. */
        boolean closed;

        SegmentBuilder builderFor(String prefix, String model, int version, int width) {
            if (last != null && last.holds(prefix, model, version, width)) {
                return last;
            }
            for (SegmentBuilder builder : open) {
                if (builder.holds(prefix, model, version, width)) {
                    last = builder;
                    return builder;
                }
            }
            last = new SegmentBuilder(prefix, model, version, width, FIRST_ROWS);
            open.add(last);
            return last;
        }

        /** Seals every builder's rows, drops the builders that had none, and hands over what was sealed. */
        void sweepInto(List<PackedSegment> taken) {
            open.removeIf(builder -> {
                boolean idle = builder.rows() == 0;
                builder.sealInto(sealed);
                return idle;
            });
            if (last != null && !open.contains(last)) {
                last = null;
            }
            taken.addAll(sealed);
            sealed.clear();
        }
    }

    private final PredictionStore store;
    private final Counts counts;
    private final int capacity;
    private final int batchRows;
    private final Stripe[] stripes;
    private final AtomicInteger waitingRows = new AtomicInteger();
    private final Thread writer;
    private volatile boolean closing;
    private boolean failing;

    public PredictionLog(PredictionStore store, Counts counts, int capacity, int batchRows) {
        if (capacity < 1 || batchRows < 1) {
            throw new IllegalArgumentException("capacity and batchRows must be positive");
        }
        this.store = store;
        this.counts = counts;
        this.capacity = capacity;
        this.batchRows = batchRows;
        // a power of two, about twice the threads that can run at once
        int stripeCount = Integer.highestOneBit(Math.max(2, Runtime.getRuntime().availableProcessors()) * 2);
        this.stripes = new Stripe[stripeCount];
        for (int i = 0; i < stripeCount; i++) {
            stripes[i] = new Stripe();
        }
        this.writer = new Thread(this::drain, "freshet-prediction-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues the batch for writing; false when it was dropped because the queue is full. Never blocks. */
    public boolean offer(ScoredBatch batch) {
        return offer(batch.ids(), batch.model(), batch.version(), batch.time(), batch.features(), batch.predictions());
    }

    /**
     * Packs the rows of one request for writing: row {@code i} has the id {@code ids.id(i)}, the features
     * {@code features[i]} and the prediction {@code predictions[i]}; false when they were dropped because the queue
     * is full. Never waits for the writer or the database.
     *
     * @param version the registry version, or 0 for a model served from a {@code runs:/} URI
     */
    public boolean offer(
            PredictionIds.Block ids,
            String model,
            int version,
            Instant time,
            double[][] features,
            double[] predictions) {
        int rows = predictions.length;
        if (features.length != rows || ids.size() != rows) {
            throw new IllegalArgumentException("ids, features and predictions must have one entry per row");
        }
        if (rows == 0) {
            return true;
        }
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(time, "time");
        int width = features[0].length;
        for (double[] row : features) {
            if (row.length != width) { // checked before counting: a half-packed request would unbalance the count
                throw new IllegalArgumentException("every row must have " + width + " features");
            }
        }
        int waiting = waitingRows.addAndGet(rows);
        if (closing || waiting > capacity) {
            waitingRows.addAndGet(-rows);
            counts.dropped(model, rows, DropReason.QUEUE_FULL);
            return false;
        }
        Stripe stripe = takeStripe();
        boolean packed = false;
        try {
            if (!stripe.closed) {
                pack(stripe, ids, model, version, PredictionSegment.micros(time), features, predictions);
                packed = true;
            }
        } finally {
            stripe.lock.unlock();
            if (!packed) { // the writer's last sweep is done: these rows would never be written
                waitingRows.addAndGet(-rows);
                counts.dropped(model, rows, DropReason.QUEUE_FULL);
            }
        }
        if (!packed) {
            return false;
        }
        if (waiting >= batchRows && waiting - rows < batchRows) {
            LockSupport.unpark(writer); // a full batch waits: no need to wait for the next flush
        }
        return true;
    }

    /** The calling thread's stripe, or the next one free; waits only when every stripe is taken. */
    private Stripe takeStripe() {
        int home = (int) Thread.currentThread().getId();
        int mask = stripes.length - 1;
        for (int i = 0; i < stripes.length; i++) {
            Stripe stripe = stripes[(home + i) & mask];
            if (stripe.lock.tryLock()) {
                return stripe;
            }
        }
        Stripe stripe = stripes[home & mask];
        stripe.lock.lock();
        return stripe;
    }

    private static void pack(
            Stripe stripe,
            PredictionIds.Block ids,
            String model,
            int version,
            long micros,
            double[][] features,
            double[] predictions) {
        int width = features[0].length;
        SegmentBuilder builder = stripe.builderFor(ids.prefix(), model, version, width);
        long first = ids.first();
        for (int r = 0; r < predictions.length; r++) {
            builder.add(first + r, micros, predictions[r], features[r], stripe.sealed);
        }
    }

    /** Rows waiting to be written. */
    public int waiting() {
        return waitingRows.get();
    }

    private void drain() {
        List<PackedSegment> taken = new ArrayList<>();
        while (true) {
            boolean last = closing;
            if (!last && waitingRows.get() < batchRows) {
                LockSupport.parkNanos(FLUSH_EVERY.toNanos());
                if (Thread.interrupted()) {
                    return;
                }
            }
            for (Stripe stripe : stripes) {
                stripe.lock.lock();
                try {
                    stripe.sweepInto(taken);
                    stripe.closed = last;
                } finally {
                    stripe.lock.unlock();
                }
            }
            int from = 0;
            int rows = 0;
            for (int i = 0; i < taken.size(); i++) {
                rows += taken.get(i).rows();
                if (rows >= batchRows || i == taken.size() - 1) {
                    write(taken.subList(from, i + 1), rows);
                    from = i + 1;
                    rows = 0;
                }
            }
            taken.clear();
            if (last) {
                return;
            }
        }
    }

    private void write(List<PackedSegment> segments, int rows) {
        try {
            store.write(segments);
            tell(segments, counts::written);
            if (failing) {
                failing = false;
                LOG.info("prediction log writes work again");
            }
        } catch (RuntimeException e) {
            tell(segments, (model, n) -> counts.dropped(model, n, DropReason.WRITE_FAILED));
            if (!failing) { // said once, not at every batch while the database is away
                failing = true;
                LOG.warn(
                        "prediction log write failed, {} rows dropped (said again only after writes work): {}",
                        rows,
                        e.toString());
            }
        } finally {
            waitingRows.addAndGet(-rows);
        }
    }

    /** Tells {@code each} the rows of each run of segments of one model: once per write, not once per request. */
    private static void tell(List<PackedSegment> segments, ObjIntConsumer<String> each) {
        String model = null;
        int rows = 0;
        for (PackedSegment segment : segments) {
            if (model != null && !model.equals(segment.model())) {
                each.accept(model, rows);
                rows = 0;
            }
            model = segment.model();
            rows += segment.rows();
        }
        if (model != null) {
            each.accept(model, rows);
        }
    }

    /** Writes what waits (for up to {@code timeout}) and stops the writer. */
    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    public void close(Duration timeout) {
        closing = true;
        LockSupport.unpark(writer);
        try {
            writer.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            writer.interrupt();
        }
    }
}
