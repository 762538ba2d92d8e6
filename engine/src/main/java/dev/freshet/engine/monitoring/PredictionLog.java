package dev.freshet.engine.monitoring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ObjIntConsumer;

/**
 * The prediction log's request side: {@link #offer} hands a scored batch to a background writer and returns at
 * once. At most {@code capacity} rows wait; a batch that would exceed it is dropped and counted, never waited for,
 * so a slow or absent database never slows scoring. The queue is lock-free and the writer is not woken per batch:
 * it wakes every {@link #FLUSH_EVERY} (or as soon as {@code batchRows} rows wait) and writes what waits in batches of
 * up to {@code batchRows} rows, one database round trip each. Few, large writes are what keeps the log cheap: the
 * writer shares the CPU with scoring.
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

    private final PredictionStore store;
    private final Counts counts;
    private final int capacity;
    private final int batchRows;
    private final ConcurrentLinkedQueue<ScoredBatch> queue = new ConcurrentLinkedQueue<>();
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
        this.writer = new Thread(this::drain, "freshet-prediction-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues the batch for writing; false when it was dropped because the queue is full. Never blocks. */
    public boolean offer(ScoredBatch batch) {
        int rows = batch.rows();
        int waiting = waitingRows.addAndGet(rows);
        if (closing || waiting > capacity) {
            waitingRows.addAndGet(-rows);
            counts.dropped(batch.model(), rows, DropReason.QUEUE_FULL);
            return false;
        }
        queue.offer(batch);
        if (waiting >= batchRows && waiting - rows < batchRows) {
            LockSupport.unpark(writer); // a full batch waits: no need to wait for the next flush
        }
        return true;
    }

    /** Rows waiting to be written. */
    public int waiting() {
        return waitingRows.get();
    }

    private void drain() {
        List<ScoredBatch> batch = new ArrayList<>();
        while (!closing || !queue.isEmpty()) {
            if (queue.isEmpty() || (!closing && waitingRows.get() < batchRows)) {
                LockSupport.parkNanos(FLUSH_EVERY.toNanos());
                if (Thread.interrupted()) {
                    return;
                }
            }
            ScoredBatch next;
            int rows = 0;
            while ((next = queue.poll()) != null) {
                batch.add(next);
                rows += next.rows();
                if (rows >= batchRows) {
                    write(batch, rows);
                    batch.clear();
                    rows = 0;
                }
            }
            if (!batch.isEmpty()) {
                write(batch, rows);
                batch.clear();
            }
        }
    }

    private void write(List<ScoredBatch> batch, int rows) {
        try {
            store.append(batch);
            tell(batch, counts::written);
            if (failing) {
                failing = false;
                LOG.info("prediction log writes work again");
            }
        } catch (RuntimeException e) {
            tell(batch, (model, n) -> counts.dropped(model, n, DropReason.WRITE_FAILED));
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

    /** Tells {@code each} the rows of each run of batches of one model: once per write, not once per request. */
    private static void tell(List<ScoredBatch> batch, ObjIntConsumer<String> each) {
        String model = null;
        int rows = 0;
        for (ScoredBatch b : batch) {
            if (model != null && !model.equals(b.model())) {
                each.accept(model, rows);
                rows = 0;
            }
            model = b.model();
            rows += b.rows();
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
