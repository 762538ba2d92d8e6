package dev.freshet.engine.run;

import dev.freshet.engine.task.TaskResult;
import dev.freshet.engine.task.TaskType;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads task types run on: a try runs on one of them under its timeout, with the logging context (MDC) of the
 * worker that started it, and can be cancelled while it runs.
 */
final class TaskThreads {
    private record Attempt(RunningTaskContext context, Future<TaskResult> future) {}

    private final Map<TryKey, Attempt> active = new ConcurrentHashMap<>();
    private final ExecutorService threads;

    TaskThreads() {
        AtomicInteger threadNumber = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "freshet-task-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code type} on a task thread and waits for it, at most {@code timeout} (null: no limit). */
    TaskResult run(TryKey key, TaskType type, RunningTaskContext context, Duration timeout) throws Exception {
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        Future<TaskResult> future = threads.submit(() -> {
            MDC.setContextMap(logContext == null ? Map.of() : logContext);
            try {
                return type.run(context);
            } finally {
                MDC.clear();
            }
        });
        active.put(key, new Attempt(context, future));
        try {
            return timeout == null ? future.get() : future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            active.remove(key);
        }
    }

    /** The tries running here now. */
    Set<TryKey> running() {
        return Set.copyOf(active.keySet());
    }

    /** Cancels a try running here, if there is one; it then fails as cancelled. */
    void cancel(TryKey key) {
        Attempt attempt = active.get(key);
        if (attempt != null) {
            attempt.context().cancel();
            attempt.future().cancel(true);
        }
    }

    void shutdown() {
        active.values().forEach(a -> a.future().cancel(true));
        threads.shutdownNow();
    }
}
