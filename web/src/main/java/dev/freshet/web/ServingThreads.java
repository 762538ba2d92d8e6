package dev.freshet.web;

import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty's worker pool, sized for a small machine: a few threads per core keep the CPUs busy without the context
 * switches of Jetty's default 250 (the scoring path never blocks). A handful more leave room for the UI and API
 * requests that read the database. A client sending its body slowly holds no thread ({@link RequestBodyGate} reads
 * such bodies with a read listener), so the pool need not be sized for slow clients.
 * {@code freshet.http.threads} overrides the size.
 */
final class ServingThreads {
    private ServingThreads() {}

    static QueuedThreadPool pool() {
        int cores = Runtime.getRuntime().availableProcessors();
        int max = Integer.getInteger("freshet.http.threads", Math.max(16, cores * 4));
        QueuedThreadPool pool = new QueuedThreadPool(max, Math.min(8, max), 60_000);
        pool.setName("freshet-http");
        return pool;
    }
}
