package dev.freshet.engine.run;

import dev.freshet.engine.monitoring.Monitoring;
import dev.freshet.engine.task.TaskTypeRegistry;
import dev.freshet.engine.tracking.ModelRegistry;
import dev.freshet.engine.tracking.Tracking;
import dev.freshet.engine.workflow.TaskSpec;
import dev.freshet.engine.workflow.Workflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the queue hands over a try to run: starts it (a compare-and-set that ignores duplicate and stale
 * deliveries), has {@link ExecuteTry} run it and {@link TryCompletion} record how it ended, and runs the successors
 * it carries; a re-delivery after a crash goes to {@link DeadTryRecovery}.
 */
public final class TaskRunner {
    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);
    /** How long one queue job may go on running the successors of its try before it hands them to the queue. */
    private static final Duration CARRY_FOR = Duration.ofSeconds(1);

    private final RunStore store;
    private final WorkflowSource workflows;
    private final EngineSettings settings;
    private final TaskThreads threads = new TaskThreads();
    private final TryProcesses processes;
    private final CancelWatch cancelWatch;
    private final ExecuteTry executeTry;
    private final TryCompletion completion;
    private final AfterCommit afterCommit;
    private final DeadTryRecovery recovery;
    private final LogShipper shipper;
    private final ServerSecrets secrets;
    /** Set at shutdown: successors then go to the queue instead of running on the worker that made them ready. */
    private volatile boolean stopping;

    private final TryContextFactory contexts;

    public TaskRunner(
            RunStore store,
            WorkflowSource workflows,
            TaskTypeRegistry taskTypes,
            Tracking tracking,
            ModelRegistry models,
            EngineSettings settings,
            AfterCommit afterCommit) {
        this(store, workflows, taskTypes, tracking, models, settings, afterCommit, null);
    }

    /** With {@code logs}, tries' logs are shipped there as they run (see {@link LogShipper}); null: files only. */
    public TaskRunner(
            RunStore store,
            WorkflowSource workflows,
            TaskTypeRegistry taskTypes,
            Tracking tracking,
            ModelRegistry models,
            EngineSettings settings,
            AfterCommit afterCommit,
            TaskLogStore logs) {
        this.store = store;
        this.shipper = logs == null ? null : new LogShipper(logs);
        this.workflows = workflows;
        this.settings = settings;
        this.processes = new TryProcesses(settings.home(), settings.hostname());
        this.contexts = new TryContextFactory(taskTypes, tracking, models, processes, settings.clock());
        this.secrets = new ServerSecrets(settings.home());
        this.executeTry = new ExecuteTry(taskTypes, contexts, threads, processes, settings, secrets, shipper);
        this.afterCommit = afterCommit;
        this.completion = new TryCompletion(store, workflows, settings, afterCommit);
        this.recovery = new DeadTryRecovery(store, settings, afterCommit, completion, processes);
        this.cancelWatch = new CancelWatch(store, threads);
    }

    /**
     * Runs the try named by {@code key}. Duplicate or stale deliveries are ignored: only a task that is waiting
     * for exactly this try starts. With {@code recovering}, a try found running is one whose process died: it fails
     * and is retried if it has tries left, and so do the tries its job carried.
     *
     * <p>When the try succeeds and hands its place to exactly one successor, this worker runs the successor straight
     * away instead of queueing it: the queue's job of {@code key} stays in flight meanwhile and stands for the carried
     * tries, which saves the queue's round trip on every hop of a chain.
     */
    public void execute(TryKey key, boolean recovering) {
        long carryUntil = System.nanoTime() + CARRY_FOR.toNanos();
        Optional<CarriedTry> next = runOne(key, recovering, carryUntil);
        while (next.isPresent()) {
            TryKey carried = next.get().key();
            try {
                next = runStarted(carried, key, next.get().started(), carryUntil);
            } catch (RuntimeException e) {
                // The carrier's job ends with this exception: the carried try, marked running, must not stay so.
                LOG.warn("carried try {} failed outside its task ({}); failing it", carried, e.getMessage());
                recovery.recoverTry(carried);
                throw e;
            }
        }
    }

    /**
     * Runs the try its own queue job delivered; returns the try to run next on this worker, if any: only until
     * {@code carryUntil} (System.nanoTime), so that a chain gives its worker back to the queue's other work — other
     * runs, schedule fires, the dagrun_timeout check — at least that often.
     */
    private Optional<CarriedTry> runOne(TryKey key, boolean recovering, long carryUntil) {
        if (!store.startTry(key, settings.clock().instant(), settings.hostname())) {
            if (recovering) {
                recovery.recoverJob(key);
            }
            return Optional.empty();
        }
        Run run = store.run(key.runId()).orElseThrow();
        Workflow workflow = workflows.pinned(run).orElse(null);
        TaskSpec spec = workflow == null ? null : workflow.task(key.taskId()).orElse(null);
        return runStarted(key, key, new StartedTry(run, spec, workflow, store.taskOutputs(key.runId())), carryUntil);
    }

    /**
     * Runs a try already marked running, under the queue job of {@code job}: its own, or that of the carrier that
     * marked it running in the transaction which ended the try before it.
     */
    private Optional<CarriedTry> runStarted(TryKey key, TryKey job, StartedTry started, long carryUntil) {
        try (var runId = MDC.putCloseable("run_id", key.runId());
                var taskId = MDC.putCloseable("task_id", key.taskId());
                var tryNumber = MDC.putCloseable("try", String.valueOf(key.tryNumber()))) {
            TryOutcome outcome = executeTry.run(key, started);
            boolean carry = System.nanoTime() - carryUntil < 0 && !stopping;
            return completion.record(key, job, started.run(), outcome, carry);
        }
    }

    /** What tasks see as {@link dev.freshet.engine.task.TaskContext#monitoring()}. */
    public void useMonitoring(Monitoring monitoring) {
        contexts.useMonitoring(monitoring);
    }

    /** Tells {@code listener}, after each commit of a success, the datasets that task produced. */
    public void onDatasetsProduced(Consumer<List<String>> listener) {
        afterCommit.onDatasetsProduced(listener);
    }

    /** Cancels a try running in this process, if there is one; it then fails as cancelled. */
    public void cancelLocal(TryKey key) {
        threads.cancel(key);
    }

    public Path logFile(TryKey key) {
        return executeTry.logFile(key);
    }

    /** Adds a line to the log of a try that has ended, for what the engine did about its outcome. */
    public void appendToLog(TryKey key, String message, Object... args) {
        try (FileTaskLog log = new FileTaskLog(logFile(key), key, settings.clock(), secrets.masker())) {
            log.info(message, args);
        }
    }

    /**
     * Kills the processes that tries of a JVM on this host that died had started and that still run, before their
     * tries are recovered and retried.
     */
    public void killLeftoverProcesses() {
        processes.killAllLeftovers();
    }

    /** From now on, successors go to the queue: a worker finishes the try it runs and is free. */
    public void stopCarrying() {
        stopping = true;
    }

    public void shutdown() {
        stopping = true;
        cancelWatch.stop();
        threads.shutdown();
        if (shipper != null) {
            shipper.close();
        }
    }
}
