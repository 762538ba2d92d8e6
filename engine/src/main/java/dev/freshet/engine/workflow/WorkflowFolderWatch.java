package dev.freshet.engine.workflow;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches a workflow folder by polling it: every {@code every} it takes the folder's {@link FolderFingerprint} and the
 * catalog's {@link WorkflowCatalog#sharedState() shared state} (the current versions recorded in the database) and,
 * when either differs from the last look, calls {@code onChange} (which reloads the catalog). Polling rather than
 * {@link java.nio.file.WatchService}: a watch service misses changes on network and container mounts, and a poll also
 * sees a folder that several nodes share.
 */
public final class WorkflowFolderWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkflowFolderWatch.class);
    /** How often a server looks at its workflow folder. */
    public static final Duration EVERY = Duration.ofSeconds(1);

    private final WorkflowCatalog catalog;
    private final Runnable onChange;
    private final ScheduledExecutorService poller;
    private Look last;
    private String lastFailure;

    private WorkflowFolderWatch(WorkflowCatalog catalog, Runnable onChange) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.onChange = Objects.requireNonNull(onChange, "onChange");
        this.poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "workflow-folder-watch");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Takes the folder's fingerprint now (so a change made from here on is seen, even one made before the caller's
     * first reload ends), then polls every {@code every}.
     */
    public static WorkflowFolderWatch start(WorkflowCatalog catalog, Duration every, Runnable onChange) {
        WorkflowFolderWatch watch = new WorkflowFolderWatch(catalog, onChange);
        watch.last = watch.fingerprintOrNull();
        watch.poller.scheduleWithFixedDelay(watch::poll, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return watch;
    }

    /** One look at the folder; package-visible for tests. */
    synchronized void poll() {
        Look now = fingerprintOrNull();
        if (now == null || now.equals(last)) {
            return;
        }
        try {
            onChange.run();
            last = now;
            lastFailure = null;
        } catch (RuntimeException e) {
            // Tried again at the next poll; the catalog keeps what it had.
            reportOnce("reloading the workflows after a change failed: " + e.getMessage(), e);
        }
    }

    /** The folder's files, and the current versions other nodes recorded (empty without a ledger). */
    private record Look(FolderFingerprint files, Map<String, String> current) {}

    private Look fingerprintOrNull() {
        try {
            return new Look(FolderFingerprint.of(catalog.files()), catalog.sharedState());
        } catch (RuntimeException e) {
            reportOnce(e.getMessage(), null);
            return null;
        }
    }

    // A folder that stays unreadable is reported once, not every second.
    private void reportOnce(String message, RuntimeException e) {
        if (!Objects.equals(message, lastFailure)) {
            lastFailure = message;
            LOG.warn("{}", message, e);
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
