package dev.freshet.engine.run;

import java.time.Duration;

/**
 * The durable queue and worker pool that runs tries (Quartz, in engine.scheduling). A submitted try survives a crash
 * and is delivered to {@link TaskRunner#execute} once {@code delay} has passed. A delay rather than an instant: the
 * engine's clock may be a test's, the queue's is the machine's.
 */
public interface TaskQueue {

    void submit(TryKey key, Duration delay);

    /** True when the queue holds (or is running) that try. */
    boolean contains(TryKey key);
}
