package dev.freshet.tasks.data;

import dev.freshet.engine.error.FreshetException;
import dev.freshet.tasks.data.parquet.SnapshotParquetFile;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The row groups of a snapshot in the project's own layout, decoded on a thread of their own a few groups ahead of
 * the reader, into a fixed set of reused buffers: a pass holds {@link #AHEAD} + 1 row groups whatever the rows.
 */
final class DecodedRowGroups implements AutoCloseable {

    static final int AHEAD = 2;

    private final SnapshotParquetFile file;
    private final ExecutorService decoder;
    private final Deque<Future<double[][]>> ahead = new ArrayDeque<>();
    private final BlockingQueue<double[][]> free = new ArrayBlockingQueue<>(AHEAD + 1);
    private int nextGroup;
    private int current = -1;
    private double[][] held;

    DecodedRowGroups(SnapshotParquetFile file) {
        this.file = file;
        int most = 0;
        for (int g = 0; g < file.rowGroups(); g++) {
            most = Math.max(most, file.rows(g));
        }
        int width = file.columns().size();
        for (int k = 0; k <= AHEAD; k++) {
            free.add(new double[width][most]);
        }
        this.decoder = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "snapshot-decode");
            thread.setDaemon(true);
            return thread;
        });
        while (ahead.size() < AHEAD && nextGroup < file.rowGroups()) {
            schedule();
        }
    }

    private void schedule() {
        int group = nextGroup++;
        ahead.add(decoder.submit(() -> {
            double[][] into = free.take();
            try {
                file.read(group, into);
                return into;
            } catch (RuntimeException e) {
                free.add(into);
                throw e;
            }
        }));
    }

    /** The next row group's values, {@code [column][row]}; valid until the next call. Null after the last. */
    double[][] next() {
        if (held != null) {
            free.add(held);
            held = null;
        }
        Future<double[][]> next = ahead.poll();
        if (next == null) {
            return null;
        }
        if (nextGroup < file.rowGroups()) {
            schedule();
        }
        try {
            held = next.get();
            current++;
            return held;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FreshetException(file.toString() + ": interrupted while reading", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new FreshetException(String.valueOf(e.getCause()), e.getCause());
        }
    }

    /** The rows of the group {@link #next()} returned last. */
    int rows() {
        return file.rows(current);
    }

    @Override
    public void close() {
        decoder.shutdownNow();
        file.close();
    }
}
