package dev.freshet.web.metrics;

import dev.freshet.engine.Engine;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunListener;
import dev.freshet.engine.run.RunQuery;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.TaskRun;
import dev.freshet.engine.run.TaskTry;
import dev.freshet.engine.workflow.TaskSpec;
import dev.freshet.engine.workflow.Workflow;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Run and task meters, from what the engine's façade offers: {@code freshet_runs{state}} counts runs in the
 * database at scrape time; when a run ends, its duration, each try's duration and each first try's dispatch lag
 * (start minus the moment its last need ended, or the run started) are recorded: the run's duration once per ending,
 * each try once (a cleared run that ends again adds only the tries since its previous ending). An end this
 * process records is heard at once (a {@link RunListener}); an end another process records — {@code freshet runs
 * cancel}, {@code freshet run}, another node — is read from the database every {@link #POLL_EVERY}. The derivation
 * runs on a thread of its own, off the engine's dispatch path.
 */
public final class RunMetrics implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunMetrics.class);

    /** How often the database is read for runs that other processes ended. */
    static final Duration POLL_EVERY = Duration.ofSeconds(2);
    /**
     * How far back each read looks before the latest end it saw: a run's end time is taken before its transaction
     * commits, and other nodes' clocks may differ a little. Endings seen twice are recorded once.
     */
    private static final Duration LOOK_BACK = Duration.ofSeconds(30);

    private static final int ENDINGS_KEPT = 20_000;
    private static final int READ_AT_MOST = 5_000;

    private final Engine engine;
    private final MeterRegistry registry;
    private final ScheduledExecutorService deriver = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "freshet-run-metrics");
        thread.setDaemon(true);
        return thread;
    });
    private final RunListener listener = this::runFinished;
    /** Endings already recorded (run id and end time); touched only on the deriver thread. */
    private final Set<String> recorded = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > ENDINGS_KEPT;
        }
    });
    /** Per run, the tries (task id and try number) already recorded; touched only on the deriver thread. */
    private final Map<String, Set<String>> triesRecorded = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
            return size() > ENDINGS_KEPT;
        }
    };
    /** The latest end read from the database; endings before the server started are not counted. */
    private Instant readUpTo;

    public RunMetrics(Engine engine, MeterRegistry registry) {
        this.engine = engine;
        this.registry = registry;
        this.readUpTo = engine.config().clock().instant();
        for (RunState state : RunState.values()) {
            Gauge.builder("freshet.runs", () -> count(state))
                    .description("runs in the database, by state")
                    .tag("state", state.wireName())
                    .register(registry);
        }
        engine.runs().addListener(listener);
        deriver.scheduleWithFixedDelay(
                this::readEndings, POLL_EVERY.toMillis(), POLL_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Records the endings in the database that this process has not recorded yet (other processes' endings). */
    private void readEndings() {
        try {
            for (Run run : engine.runs().runsEndedSince(readUpTo.minus(LOOK_BACK), READ_AT_MOST)) {
                recordOnce(run);
                if (run.endDate().isAfter(readUpTo)) {
                    readUpTo = run.endDate();
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("cannot read the runs that ended: {}", e.toString());
        }
    }

    private void recordOnce(Run run) {
        if (run.endDate() != null && recorded.add(key(run))) {
            record(run);
        }
    }

    /** One ending of a run: a cleared run that ends again is another ending. Millisecond precision, as stored. */
    private static String key(Run run) {
        return run.runId() + "@" + run.endDate().toEpochMilli();
    }

    private double count(RunState state) {
        return engine.runs().runs(new RunQuery(null, state, null, 1, 0)).totalEntries();
    }

    private void runFinished(Run run) {
        try {
            deriver.execute(() -> recordOnce(run));
        } catch (RejectedExecutionException closed) {
            // shutting down
        }
    }

    /** Records the meters of one finished run; visible for tests. */
    void record(Run run) {
        MDC.put("run_id", run.runId());
        try {
            if (run.startDate() != null && run.endDate() != null) {
                timer(
                                "freshet.run.duration",
                                "whole runs",
                                "workflow",
                                run.workflowId(),
                                "state",
                                run.state().wireName())
                        .record(Duration.between(run.startDate(), run.endDate()));
            }
            List<TaskRun> tasks = engine.runs().taskRuns(run.runId());
            Map<String, TaskRun> byId = new HashMap<>();
            tasks.forEach(t -> byId.put(t.taskId(), t));
            Workflow workflow = engine.workflow(run.workflowId()).orElse(null);
            Set<String> triesDone = triesRecorded.computeIfAbsent(run.runId(), id -> new HashSet<>());
            for (TaskRun task : tasks) {
                for (TaskTry taskTry : engine.runs().tries(run.runId(), task.taskId())) {
                    if (taskTry.startDate() == null
                            || taskTry.endDate() == null
                            || !triesDone.add(task.taskId() + "#" + taskTry.tryNumber())) {
                        continue;
                    }
                    timer(
                                    "freshet.task.duration",
                                    "task tries",
                                    "workflow",
                                    run.workflowId(),
                                    "task",
                                    task.taskId(),
                                    "state",
                                    taskTry.state().wireName())
                            .record(Duration.between(taskTry.startDate(), taskTry.endDate()));
                    if (taskTry.tryNumber() == 1) {
                        readyAt(run, task, workflow, byId)
                                .map(ready -> Duration.between(ready, taskTry.startDate()))
                                .filter(lag -> !lag.isNegative())
                                .ifPresent(lag -> timer(
                                                "freshet.dispatch.lag",
                                                "from a task being ready to its first try starting",
                                                "workflow",
                                                run.workflowId())
                                        .record(lag));
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot derive the metrics of run {}: {}", run.runId(), e.toString());
        } finally {
            MDC.remove("run_id");
        }
    }

    /** When the task became ready: its last need's end, or the run's start for a task without needs. */
    private static Optional<Instant> readyAt(Run run, TaskRun task, Workflow workflow, Map<String, TaskRun> byId) {
        TaskSpec spec = workflow == null ? null : workflow.task(task.taskId()).orElse(null);
        if (spec == null) {
            return Optional.empty();
        }
        if (spec.needs().isEmpty()) {
            return Optional.ofNullable(run.startDate());
        }
        return spec.needs().stream()
                .map(byId::get)
                .filter(Objects::nonNull)
                .map(TaskRun::endDate)
                .filter(Objects::nonNull)
                .max(Instant::compareTo);
    }

    private Timer timer(String name, String description, String... tags) {
        return Timer.builder(name)
                .description(description)
                .tags(tags)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofHours(2))
                .register(registry);
    }

    @Override
    public void close() {
        engine.runs().removeListener(listener);
        deriver.shutdownNow();
    }
}
