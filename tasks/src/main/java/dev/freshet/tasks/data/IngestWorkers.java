package dev.freshet.tasks.data;

import dev.freshet.engine.error.FreshetException;
import dev.freshet.tasks.data.parquet.SnapshotParquetWriter;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The worker threads of a parallel ingest pass and the writer they share: started as daemons, waited for when the
 * pass ends, their results taken in order with their failures as they were thrown, and a writer nobody finished
 * aborted so that no half snapshot stays behind.
 */
final class IngestWorkers {

    private IngestWorkers() {}

    /** One worker per core at most {@code threads}, each a daemon named {@code name}. */
    static ExecutorService start(String name, int threads) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Stops the workers and waits a little for one still working, so that none runs past the pass and the caller
     * closes nothing a worker still uses. A caller that was interrupted (a cancel, a timeout) waits too: the flag is
     * cleared for the wait and set again after it.
     */
    static void stop(ExecutorService workers) {
        workers.shutdownNow();
        boolean interrupted = Thread.interrupted();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The worker's result; an unchecked failure rethrown as it was thrown on the worker. */
    static <T> T result(Future<T> done) throws InterruptedException {
        try {
            return done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new FreshetException("ingest failed: " + e.getCause(), e.getCause());
        }
    }

    /** Ends a pass that did not finish: whoever waits for the writer goes on, and a writer made is aborted. */
    static void abandon(CompletableFuture<SnapshotParquetWriter> writer) {
        writer.complete(null);
        SnapshotParquetWriter made = writer.getNow(null);
        if (made != null) {
            made.abort();
        }
    }
}
