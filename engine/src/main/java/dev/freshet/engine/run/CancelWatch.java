package dev.freshet.engine.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A run cancelled or a task marked through another process (the CLI, another cluster node) changes only the
 * database; once a second, tries running here whose task no longer says so are interrupted.
 */
final class CancelWatch {
    private static final Logger LOG = LoggerFactory.getLogger(CancelWatch.class);

    private final RunStore store;
    private final TaskThreads threads;
    private final ScheduledExecutorService watchdog;

    CancelWatch(RunStore store, TaskThreads threads) {
        this.store = store;
        this.threads = threads;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "freshet-cancel-watch");
            t.setDaemon(true);
            return t;
        });
        watchdog.scheduleWithFixedDelay(this::cancelTriesStoppedElsewhere, 1, 1, TimeUnit.SECONDS);
    }

    void cancelTriesStoppedElsewhere() {
        try {
            Set<TryKey> mine = new HashSet<>(threads.running());
            if (mine.isEmpty()) {
                return;
            }
            mine.removeAll(store.stillRunning(mine));
            mine.forEach(key -> {
                LOG.info("try {} was stopped outside this process; interrupting it", key);
                threads.cancel(key);
            });
        } catch (RuntimeException e) {
            LOG.debug("cancel watch failed: {}", e.getMessage());
        }
    }

    void stop() {
        watchdog.shutdownNow();
    }
}
