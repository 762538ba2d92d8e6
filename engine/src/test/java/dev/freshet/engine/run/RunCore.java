package dev.freshet.engine.run;

import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.events.EventKind;
import dev.freshet.engine.task.TaskResult;
import dev.freshet.engine.task.TaskType;
import dev.freshet.engine.task.TaskTypeRegistry;
import dev.freshet.engine.task.builtin.NoopTask;
import dev.freshet.engine.workflow.Workflow;
import dev.freshet.engine.workflow.WorkflowParser;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The run core on the fakes: a {@link RunService} and a {@link TaskRunner} over an {@link InMemoryRunStore} and a
 * {@link ManualTaskQueue}, with no database and no Quartz. Tries run when the test delivers them. Task types:
 * {@code noop}, {@code fail} (fails), {@code bad-input} (fails for good), {@code emit} (outputs its config).
 */
public final class RunCore implements AutoCloseable {
    public static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    public final SettableClock clock = new SettableClock(T0);
    public final ManualTaskQueue queue = new ManualTaskQueue(clock);
    public final RunStore store;
    public final TaskRunner runner;
    public final RunService runs;
    private final Map<String, Workflow> workflows = new ConcurrentHashMap<>();
    private final WorkflowParser parser;

    public RunCore(Path home) {
        this(home, new InMemoryRunStore());
    }

    public RunCore(Path home, RunStore store) {
        this.store = store;
        TaskTypeRegistry types = new TaskTypeRegistry(List.of(
                new NoopTask(),
                type("fail", c -> {
                    throw new FreshetException("it failed");
                }),
                type("bad-input", c -> {
                    throw new InvalidInputException("it cannot work with that");
                }),
                type("emit", c -> TaskResult.of(c.config().asMap())),
                type("warn", c -> {
                    c.raise(EventKind.DRIFT_WARNING, c.config().asMap());
                    return TaskResult.empty();
                }),
                type("reject", c -> {
                    c.raise(EventKind.GATE_FAILED, c.config().asMap());
                    throw new InvalidInputException("rejected");
                })));
        this.parser = new WorkflowParser(types::names);
        EngineSettings settings = new EngineSettings(home, "test-host", clock);
        AfterCommit afterCommit = new AfterCommit(store, clock);
        WorkflowSource source = id -> Optional.ofNullable(workflows.get(id));
        this.runner = new TaskRunner(store, source, types, null, null, settings, afterCommit);
        this.runs = new RunService(store, source, (workflowId, requested) -> 1L, runner, settings, afterCommit);
        runs.connect(queue);
    }

    public Workflow define(String yaml) {
        Workflow workflow = parser.parse(yaml, "workflows/test.yaml");
        workflows.put(workflow.id(), workflow);
        return workflow;
    }

    /** A workflow read from its file, so that paths in it resolve against the file's folder. */
    public Workflow define(Path file) {
        Workflow workflow = parser.parse(file);
        workflows.put(workflow.id(), workflow);
        return workflow;
    }

    public Run trigger(String workflowId) {
        return runs.trigger(TriggerRequest.manual(workflowId, Map.of(), "test"));
    }

    /** Delivers what is due until nothing is; returns how many deliveries it made. */
    public int runDue() {
        return queue.runDue(runner);
    }

    public TaskRun task(String runId, String taskId) {
        return store.taskRuns(runId).stream()
                .filter(t -> t.taskId().equals(taskId))
                .findFirst()
                .orElseThrow();
    }

    public TryKey key(Run run, String taskId, int tryNumber) {
        return new TryKey(run.runId(), taskId, tryNumber);
    }

    @Override
    public void close() {
        runner.shutdown();
    }

    private interface Body {
        TaskResult run(dev.freshet.engine.task.TaskContext context) throws Exception;
    }

    private static TaskType type(String name, Body body) {
        return new TaskType() {
            @Override
            public String type() {
                return name;
            }

            @Override
            public TaskResult run(dev.freshet.engine.task.TaskContext context) throws Exception {
                return body.run(context);
            }
        };
    }
}
