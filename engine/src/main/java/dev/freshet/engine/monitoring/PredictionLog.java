package dev.freshet.engine.monitoring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The prediction log's request side: {@link #offer} hands a scored batch to a background writer and returns at
 * once. At most {@code capacity} rows wait; a batch that would exceed it is dropped and counted, never waited for,
 * so a slow or absent database never slows scoring. The writer drains what waits in batches of up to
 * {@code batchRows} rows, one database round trip each.
 */
public final class PredictionLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PredictionLog.class);
    public static final int DEFAULT_CAPACITY = 100_000;
    public static final int DEFAULT_BATCH_ROWS = 2_000;

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
    private final LinkedBlockingQueue<ScoredBatch> queue = new LinkedBlockingQueue<>();
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
        if (closing || waitingRows.addAndGet(rows) > capacity) {
            waitingRows.addAndGet(-rows);
            counts.dropped(batch.model(), rows, DropReason.QUEUE_FULL);
            return false;
        }
        queue.offer(batch);
        return true;
    }

    /** Rows waiting to be written. */
    public int waiting() {
        return waitingRows.get();
    }

    private void drain() {
        List<ScoredBatch> batch = new ArrayList<>();
        while (!closing || !queue.isEmpty()) {
            try {
                ScoredBatch first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                int rows = first.rows();
                ScoredBatch next;
                while (rows < batchRows && (next = queue.poll()) != null) {
                    batch.add(next);
                    rows += next.rows();
                }
                write(batch, rows);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<ScoredBatch> batch, int rows) {
        try {
            store.append(batch);
            batch.forEach(b -> counts.written(b.model(), b.rows()));
            if (failing) {
                failing = false;
                LOG.info("prediction log writes work again");
            }
        } catch (RuntimeException e) {
            batch.forEach(b -> counts.dropped(b.model(), b.rows(), DropReason.WRITE_FAILED));
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

    /** Writes what waits (for up to {@code timeout}) and stops the writer. */
    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    public void close(Duration timeout) {
        closing = true;
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
