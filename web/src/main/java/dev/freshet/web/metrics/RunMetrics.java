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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Run and task meters, from what the engine's façade offers: {@code freshet_runs{state}} counts runs in the
 * database at scrape time; when a run ends (a {@link RunListener}), its duration, each try's duration and each
 * first try's dispatch lag (start minus the moment its last need ended, or the run started) are recorded. The
 * derivation reads the run's tries on a thread of its own, off the engine's dispatch path.
 */
public final class RunMetrics implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunMetrics.class);

    private final Engine engine;
    private final MeterRegistry registry;
    private final ExecutorService deriver = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "freshet-run-metrics");
        thread.setDaemon(true);
        return thread;
    });
    private final RunListener listener = this::runFinished;

    public RunMetrics(Engine engine, MeterRegistry registry) {
        this.engine = engine;
        this.registry = registry;
        for (RunState state : RunState.values()) {
            Gauge.builder("freshet.runs", () -> count(state)).description("runs in the database, by state")
                    .tag("state", state.wireName()).register(registry);
        }
        engine.runs().addListener(listener);
    }

    private double count(RunState state) {
        return engine.runs().runs(new RunQuery(null, state, null, 1, 0)).totalEntries();
    }

    private void runFinished(Run run) {
        try {
            deriver.execute(() -> record(run));
        } catch (RejectedExecutionException closed) {
            // shutting down
        }
    }

    /** Records the meters of one finished run; visible for tests. */
    void record(Run run) {
        MDC.put("run_id", run.runId());
        try {
            if (run.startDate() != null && run.endDate() != null) {
                timer("freshet.run.duration", "whole runs", "workflow", run.workflowId(), "state",
                        run.state().wireName()).record(Duration.between(run.startDate(), run.endDate()));
            }
            List<TaskRun> tasks = engine.runs().taskRuns(run.runId());
            Map<String, TaskRun> byId = new HashMap<>();
            tasks.forEach(t -> byId.put(t.taskId(), t));
            Workflow workflow = engine.workflow(run.workflowId()).orElse(null);
            for (TaskRun task : tasks) {
                for (TaskTry taskTry : engine.runs().tries(run.runId(), task.taskId())) {
                    if (taskTry.startDate() == null || taskTry.endDate() == null) {
                        continue;
                    }
                    timer("freshet.task.duration", "task tries", "workflow", run.workflowId(), "task",
                            task.taskId(), "state", taskTry.state().wireName())
                            .record(Duration.between(taskTry.startDate(), taskTry.endDate()));
                    if (taskTry.tryNumber() == 1) {
                        readyAt(run, task, workflow, byId).map(ready -> Duration.between(ready, taskTry.startDate()))
                                .filter(lag -> !lag.isNegative())
                                .ifPresent(lag -> timer("freshet.dispatch.lag",
                                        "from a task being ready to its first try starting", "workflow",
                                        run.workflowId()).record(lag));
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
    private static Optional<Instant> readyAt(Run run, TaskRun task, Workflow workflow,
                                                       Map<String, TaskRun> byId) {
        TaskSpec spec = workflow == null ? null : workflow.task(task.taskId()).orElse(null);
        if (spec == null) {
            return Optional.empty();
        }
        if (spec.needs().isEmpty()) {
            return Optional.ofNullable(run.startDate());
        }
        return spec.needs().stream().map(byId::get).filter(Objects::nonNull).map(TaskRun::endDate)
                .filter(Objects::nonNull).max(Instant::compareTo);
    }

    private Timer timer(String name, String description, String... tags) {
        return Timer.builder(name).description(description).tags(tags).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofHours(2))
                .register(registry);
    }

    @Override
    public void close() {
        engine.runs().removeListener(listener);
        deriver.shutdownNow();
    }
}
