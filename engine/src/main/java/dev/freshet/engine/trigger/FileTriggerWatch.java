package dev.freshet.engine.trigger;

import dev.freshet.engine.run.RunService;
import dev.freshet.engine.workflow.FileTrigger;
import dev.freshet.engine.workflow.Workflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls the globs of the workflows' file triggers, once a second, on every node that runs schedules; each workflow
 * has its {@link LandingWatch}. Paused workflows take no files (they do once unpaused). Polling rather than a watch
 * service, for the reasons of the workflow folder's watch: network mounts, and a folder several nodes share.
 */
public final class FileTriggerWatch implements AutoCloseable {
    public static final Duration EVERY = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(FileTriggerWatch.class);

    private final Supplier<List<Workflow>> workflows;
    private final Predicate<String> isPaused;
    private final RunService runs;
    private final Clock clock;
    private final Map<String, LandingWatch> watches = new HashMap<>();
    private final Map<String, String> lastProblem = new HashMap<>();
    private final ScheduledExecutorService poller;

    FileTriggerWatch(Supplier<List<Workflow>> workflows, Predicate<String> isPaused, RunService runs, Clock clock) {
        this.workflows = Objects.requireNonNull(workflows, "workflows");
        this.isPaused = Objects.requireNonNull(isPaused, "isPaused");
        this.runs = Objects.requireNonNull(runs, "runs");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "file-trigger-watch");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Looks at the globs every {@code every}, the first time at once. */
    public static FileTriggerWatch start(
            Supplier<List<Workflow>> workflows,
            Predicate<String> isPaused,
            RunService runs,
            Clock clock,
            Duration every) {
        FileTriggerWatch watch = new FileTriggerWatch(workflows, isPaused, runs, clock);
        watch.poller.scheduleWithFixedDelay(watch::pollLogged, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return watch;
    }

    private void pollLogged() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.warn("looking for landed files failed: {}", e.getMessage(), e);
        }
    }

    /** One look at every file trigger. */
    synchronized void poll() {
        Set<String> seen = new HashSet<>();
        for (Workflow workflow : workflows.get()) {
            FileTrigger trigger = workflow.trigger().files();
            if (trigger == null || workflow.source() == null) {
                continue;
            }
            seen.add(workflow.id());
            Path dir = workflow.source().toAbsolutePath().getParent();
            LandingWatch watch = watches.get(workflow.id());
            if (watch == null || !watch.watches(dir, trigger)) {
                watch = new LandingWatch(workflow.id(), dir, trigger, runs);
                watches.put(workflow.id(), watch);
            }
            if (isPaused.test(workflow.id())) {
                continue;
            }
            try {
                watch.poll(clock.instant());
                lastProblem.remove(workflow.id());
            } catch (Exception e) {
                reportOnce(workflow.id(), e);
            }
        }
        watches.keySet().retainAll(seen);
        lastProblem.keySet().retainAll(seen);
    }

    // A trigger that keeps failing the same way (a folder it cannot read, a conf its params refuse) is reported once.
    private void reportOnce(String workflowId, Exception e) {
        String message = String.valueOf(e.getMessage());
        if (!message.equals(lastProblem.put(workflowId, message))) {
            LOG.warn("workflow '{}': the file trigger could not start a run: {}", workflowId, message, e);
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
