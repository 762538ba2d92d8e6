package dev.freshet.engine.run;

import java.time.Instant;

/**
 * The durable queue and worker pool that runs tries (Quartz, in engine.scheduling). A submitted try survives a crash
 * and is delivered to {@link TaskRunner#execute} at or after {@code notBefore}.
 */
public interface TaskQueue {

    void submit(TryKey key, Instant notBefore);

    /** True when the queue holds (or is running) that try. */
    boolean contains(TryKey key);
}
