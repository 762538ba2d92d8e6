package dev.freshet.engine.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ships the logs of the tries running here to the {@link TaskLogStore} while they run, so that every node can show
 * them: the new lines of all open logs go out together once a second, in one transaction, and sooner when a log has
 * {@value #CHUNK_BYTES} bytes waiting. The lines of a try that ended go out with the next shipment. Memory stays
 * bounded: beyond {@value #MAX_WAITING_BYTES} bytes waiting in all, a writer ships at once and waits for it; when the
 * store cannot be reached, what waits beyond that bound is dropped with a warning (the local file keeps it).
 */
public final class LogShipper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogShipper.class);
    static final Duration EVERY = Duration.ofSeconds(1);
    static final int CHUNK_BYTES = 64 * 1024;
    static final long MAX_WAITING_BYTES = 8L * 1024 * 1024;
    /** Characters of a line longer than a chunk per piece: at most 4 bytes each in UTF-8. */
    private static final int PIECE_CHARS = CHUNK_BYTES / 4;

    private final TaskLogStore store;
    private final ScheduledExecutorService shipping;
    private final Set<ShippedLog> open = ConcurrentHashMap.newKeySet();
    /** Chunks taken from the logs that the store has not accepted yet, oldest first. */
    private final Deque<TaskLogChunk> unshipped = new ArrayDeque<>();

    private final AtomicLong waitingBytes = new AtomicLong();
    private final AtomicBoolean shipmentAsked = new AtomicBoolean();

    public LogShipper(TaskLogStore store) {
        this.store = store;
        this.shipping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "freshet-log-shipper");
            t.setDaemon(true);
            return t;
        });
        shipping.scheduleWithFixedDelay(this::shipQuietly, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A log to ship whose next byte is at {@code offset} of the try's log. */
    ShippedLog open(TryKey key, long offset) {
        ShippedLog log = new ShippedLog(key, offset);
        open.add(log);
        return log;
    }

    /** Ships everything waiting now, in the caller's thread. */
    public synchronized void ship() {
        shipmentAsked.set(false);
        for (ShippedLog log : open) {
            log.takeChunks(unshipped);
            if (log.isDone()) {
                open.remove(log);
            }
        }
        if (unshipped.isEmpty()) {
            return;
        }
        List<TaskLogChunk> chunks = new ArrayList<>(unshipped);
        try {
            store.append(chunks);
            unshipped.clear();
            waitingBytes.addAndGet(-bytes(chunks));
        } catch (RuntimeException e) {
            long dropped = 0;
            while (waitingBytes.get() > MAX_WAITING_BYTES && !unshipped.isEmpty()) {
                long size = unshipped.removeFirst().byteLength();
                waitingBytes.addAndGet(-size);
                dropped += size;
            }
            LOG.warn(
                    "cannot ship task logs ({}); {} bytes wait, {} dropped",
                    e.getMessage(),
                    waitingBytes.get(),
                    dropped);
        }
    }

    private void shipQuietly() {
        try {
            ship();
        } catch (RuntimeException e) {
            LOG.warn("task log shipment failed: {}", e.getMessage());
        }
    }

    private void askForShipment() {
        if (shipmentAsked.compareAndSet(false, true)) {
            try {
                shipping.execute(this::shipQuietly);
            } catch (RejectedExecutionException e) {
                shipmentAsked.set(false); // closing: close() ships the rest
            }
        }
    }

    private static long bytes(List<TaskLogChunk> chunks) {
        return chunks.stream().mapToLong(TaskLogChunk::byteLength).sum();
    }

    /** Stops the schedule and ships what waits. */
    @Override
    public void close() {
        shipping.shutdownNow();
        try {
            shipping.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ship();
    }

    /** The shipping side of one try's log: lines in, chunks of at most {@value #CHUNK_BYTES} bytes out. */
    final class ShippedLog {
        private final TryKey key;
        private final List<TaskLogChunk> sealed = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private long textOffset;
        private int textBytes;
        private boolean closed;

        private ShippedLog(TryKey key, long offset) {
            this.key = key;
            this.textOffset = offset;
        }

        /** A line as written to the file, its line end included. */
        void append(String line) {
            long total;
            boolean full;
            synchronized (this) {
                if (line.length() > PIECE_CHARS) {
                    for (int from = 0; from < line.length(); ) {
                        int to = Math.min(line.length(), from + PIECE_CHARS);
                        if (to < line.length() && Character.isHighSurrogate(line.charAt(to - 1))) {
                            to--;
                        }
                        add(line.substring(from, to));
                        from = to;
                    }
                } else {
                    add(line);
                }
                full = !sealed.isEmpty();
            }
            total = waitingBytes.get();
            if (total > MAX_WAITING_BYTES) {
                ship();
            } else if (full) {
                askForShipment();
            }
        }

        private void add(String piece) {
            int size = piece.getBytes(StandardCharsets.UTF_8).length;
            if (textBytes > 0 && textBytes + size > CHUNK_BYTES) {
                seal();
            }
            text.append(piece);
            textBytes += size;
            waitingBytes.addAndGet(size);
        }

        private void seal() {
            sealed.add(new TaskLogChunk(key, textOffset, text.toString()));
            textOffset += textBytes;
            text.setLength(0);
            textBytes = 0;
        }

        private synchronized void takeChunks(Deque<TaskLogChunk> into) {
            if (textBytes > 0) {
                seal();
            }
            into.addAll(sealed);
            sealed.clear();
        }

        /** No more lines come; what waits goes out with the next shipment. */
        synchronized void close() {
            closed = true;
        }

        private synchronized boolean isDone() {
            return closed && sealed.isEmpty() && textBytes == 0;
        }
    }
}
