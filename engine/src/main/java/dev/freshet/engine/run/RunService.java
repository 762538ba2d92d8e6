package dev.freshet.engine.run;

import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.error.NotFoundException;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The run core's façade: triggers, cancels, clears, marks and recovers runs, each by a class of its own
 * ({@link TriggerRun}, {@link CancelRun}, {@link ClearTasks}, {@link MarkTask}, {@link RecoverLostTries}), and reads
 * them. Runs beyond {@code max_active_runs} wait queued, first in first out, and start when an earlier run ends
 * ({@link StartQueuedRuns}).
 */
public final class RunService {
    /** How often {@link #awaitRun} looks at the database for an end recorded by another process. */
    static final Duration AWAIT_POLL = Duration.ofMillis(300);

    private final RunStore store;
    private final TaskRunner runner;
    private final AfterCommit afterCommit;
    private final StartQueuedRuns queued;
    private final TriggerRun triggers;
    private final CancelRun cancels;
    private final ClearTasks clears;
    private final MarkTask marks;
    private final RecoverLostTries recovery;
    private final RunEndListeners ends;

    public RunService(
            RunStore store,
            WorkflowSource workflows,
            RunExperiments experiments,
            TaskRunner runner,
            EngineSettings settings,
            AfterCommit afterCommit) {
        this.store = store;
        this.runner = runner;
        this.afterCommit = afterCommit;
        this.queued = new StartQueuedRuns(store, workflows, settings, afterCommit);
        this.triggers = new TriggerRun(store, workflows, experiments, settings, afterCommit, queued);
        this.cancels = new CancelRun(workflows, settings, afterCommit);
        this.clears = new ClearTasks(store, workflows, settings, afterCommit, queued);
        this.marks = new MarkTask(workflows, settings, afterCommit);
        this.recovery = new RecoverLostTries(store, settings, afterCommit, runner, queued);
        this.ends = new RunEndListeners(queued);
    }

    /** Connects the durable queue; until then nothing is dispatched. */
    public void connect(TaskQueue taskQueue) {
        afterCommit.connect(taskQueue, runner::cancelLocal, ends::runFinished);
    }

    /** Checks each trigger's params against the task settings they fill, before the run exists. */
    public void checkSettingsWith(SettingCheck check) {
        triggers.checkSettingsWith(check);
    }

    public void addListener(RunListener listener) {
        ends.add(listener);
    }

    public void removeListener(RunListener listener) {
        ends.remove(listener);
    }

    public Run trigger(TriggerRequest request) {
        return trigger(request, RunClaim.NONE).orElseThrow();
    }

    /**
     * Triggers a run only if {@code claim} takes what it is started for, in the transaction that creates the run and
     * under the workflow's lock; empty, with no run, when it was already taken.
     */
    public Optional<Run> trigger(TriggerRequest request, RunClaim claim) {
        return triggers.trigger(request, claim);
    }

    /** Whether a run was started for the file content (a read of its own, outside any run's transaction). */
    public boolean isClaimed(FileClaim claim) {
        return store.inTransaction(tx -> tx.isClaimed(claim));
    }

    /**
     * Starts the workflow's queued runs, oldest first, while it has fewer than max_active_runs running. Called after
     * a commit that ended or started runs.
     */
    public void startQueuedRuns(String workflowId) {
        queued.of(workflowId);
    }

    /** {@link #cancel(String, String)} by someone unnamed. */
    public Run cancel(String runId) {
        return cancel(runId, null);
    }

    /**
     * Fails the run: running tries are cancelled and fail, tasks not yet finished are skipped. Each of those tasks
     * keeps "cancelled by {@code by}" as its error (just "cancelled" when {@code by} is null), which says who did it.
     */
    public Run cancel(String runId, String by) {
        return cancels.cancel(runId, run(runId).workflowId(), by);
    }

    /** The error a cancel leaves on the tasks it stops: {@code cancelled by BY}, or {@code cancelled}. */
    public static String cancelReason(String by) {
        return CancelRun.reason(by);
    }

    /** Who cancelled the run, if {@code taskError} is what a cancel left; "" when the cancel named nobody. */
    public static Optional<String> cancelledBy(String taskError) {
        return CancelRun.cancelledBy(taskError);
    }

    /**
     * Clears tasks so they run again in the same run with new try numbers: the given tasks and, with
     * {@code downstream}, everything downstream of them. A finished run goes back to queued and starts again when
     * max_active_runs allows. Tasks that are running or queued cannot be cleared.
     */
    public List<TaskRun> clear(String runId, Collection<String> taskIds, boolean downstream) {
        return clears.clear(run(runId), taskIds, downstream);
    }

    /** Sets a task's state by hand to success or failed; its downstream tasks follow by their trigger rules. */
    public TaskRun mark(String runId, String taskId, TaskState outcome) {
        MarkTask.checkOutcome(outcome);
        return marks.mark(run(runId), taskId, outcome);
    }

    /**
     * What {@link #clear} would reset, changing nothing: the selected tasks (and their downstream) that have a
     * status, as they are now.
     */
    public List<TaskRun> clearPreview(String runId, Collection<String> taskIds, boolean downstream) {
        return clears.preview(run(runId), taskIds, downstream);
    }

    /**
     * Puts back whatever a crash or an unfinished hand-over left behind: tries marked scheduled or up_for_retry
     * that the queue does not hold are submitted again, and queued runs start when there is room.
     */
    public void recover() {
        recovery.recover();
    }

    /**
     * Waits until the run is over, however it ended: the end this process records is seen at once, an end another
     * process records (a cancel from the CLI, the REST API or another node) at the next look at the database, every
     * {@link #AWAIT_POLL}. Returns its final row.
     */
    public Run awaitRun(String runId, Duration timeout) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        RunListener listener = finished -> {
            if (finished.runId().equals(runId)) {
                done.countDown();
            }
        };
        addListener(listener);
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            Run run = run(runId);
            while (!run.state().isTerminal()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new FreshetException("run " + runId + " did not finish within " + timeout);
                }
                done.await(Math.min(left, AWAIT_POLL.toNanos()), TimeUnit.NANOSECONDS);
                run = run(runId);
            }
            return run;
        } finally {
            removeListener(listener);
        }
    }

    /** Finished runs whose end is at or after {@code since}, oldest end first, whichever process ended them. */
    public List<Run> runsEndedSince(Instant since, int limit) {
        return store.runsEndedSince(since, limit);
    }

    public Run run(String runId) {
        return store.run(runId).orElseThrow(() -> new NotFoundException("run '" + runId + "' does not exist"));
    }

    public RunSlice runs(RunQuery query) {
        return store.runs(query);
    }

    /** The dataset events that started the run (empty for a run no dataset started). */
    public List<DatasetConsumption> datasetsConsumedBy(String runId) {
        return store.consumedBy(runId);
    }

    /** The runs of other workflows that the run's dataset events started. */
    public List<DatasetConsumption> runsStartedBy(String runId) {
        return store.startedBy(runId);
    }

    /** The dataset events the run's tasks recorded. */
    public List<DatasetEvent> datasetEventsOf(String runId) {
        return store.datasetEventsOf(runId);
    }

    public List<TaskRun> taskRuns(String runId) {
        run(runId);
        return store.taskRuns(runId);
    }

    public List<TaskTry> tries(String runId, String taskId) {
        return store.tries(runId, taskId);
    }
}
