package dev.freshet.engine.run;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import dev.freshet.engine.error.ConflictException;
import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.error.NotFoundException;
import dev.freshet.engine.workflow.TaskSpec;
import dev.freshet.engine.workflow.Workflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Triggers, cancels and recovers runs. A trigger writes the run and its task rows in one transaction; runs beyond
 * {@code max_active_runs} wait queued, first in first out, and start when an earlier run ends.
 */
public final class RunService {
    private static final String CANCELLED = "cancelled";
    private static final TimeBasedEpochGenerator RUN_IDS = Generators.timeBasedEpochGenerator();
    private static final Logger LOG = LoggerFactory.getLogger(RunService.class);
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_.:+\\-]{1,200}");

    private final RunStore store;
    private final WorkflowSource workflows;
    private final RunExperiments experiments;
    private final TaskRunner runner;
    private final EngineSettings settings;
    private final AfterCommit afterCommit;
    private final List<RunListener> listeners = new CopyOnWriteArrayList<>();
    private volatile SettingCheck settingCheck = (workflow, params) -> {};

    public RunService(
            RunStore store,
            WorkflowSource workflows,
            RunExperiments experiments,
            TaskRunner runner,
            EngineSettings settings,
            AfterCommit afterCommit) {
        this.store = store;
        this.workflows = workflows;
        this.experiments = experiments;
        this.runner = runner;
        this.settings = settings;
        this.afterCommit = afterCommit;
    }

    /** Connects the durable queue; until then nothing is dispatched. */
    public void connect(TaskQueue taskQueue) {
        afterCommit.connect(taskQueue, runner::cancelLocal, this::runFinished);
    }

    /** Checks each trigger's params against the task settings they fill, before the run exists. */
    public void checkSettingsWith(SettingCheck check) {
        this.settingCheck = Objects.requireNonNull(check, "check");
    }

    public void addListener(RunListener listener) {
        listeners.add(listener);
    }

    public void removeListener(RunListener listener) {
        listeners.remove(listener);
    }

    public Run trigger(TriggerRequest request) {
        return trigger(request, RunClaim.NONE).orElseThrow();
    }

    /**
     * Triggers a run only if {@code claim} takes what it is started for, in the transaction that creates the run and
     * under the workflow's lock; empty, with no run, when it was already taken.
     */
    public Optional<Run> trigger(TriggerRequest request, RunClaim claim) {
        Workflow workflow = workflows
                .workflow(request.workflowId())
                .orElseThrow(() -> new NotFoundException("workflow '" + request.workflowId() + "' does not exist"));
        String runId = request.runId() == null ? newRunId() : request.runId();
        if (!RUN_ID.matcher(runId).matches() || runId.contains("..")) {
            throw new InvalidInputException("dag_run_id: '" + runId + "' must be 1-200 characters of letters, digits, "
                    + "and _ . : + -, without '..'");
        }
        Map<String, Object> params = ParamBinder.bind(workflow, request.conf());
        TriggerLimits.check(request.conf(), params);
        settingCheck.check(workflow, params);
        long experimentId = experiments.experimentFor(workflow.id(), request.experimentId());
        Instant now = settings.clock().instant();
        Instant logicalDate = request.logicalDate() == null ? now : request.logicalDate();
        Instant intervalStart = request.dataIntervalStart() == null ? logicalDate : request.dataIntervalStart();
        Instant intervalEnd = request.dataIntervalEnd() == null ? logicalDate : request.dataIntervalEnd();
        Run run = new Run(
                runId,
                workflow.id(),
                experimentId,
                RunState.QUEUED,
                request.runType(),
                request.triggeredBy(),
                request.conf(),
                params,
                workflow.sourceHash(),
                logicalDate,
                intervalStart,
                intervalEnd,
                now,
                null,
                null,
                request.note());
        List<TaskRun> tasks = new ArrayList<>();
        for (TaskSpec spec : workflow.tasks()) {
            tasks.add(TaskRun.initial(
                    runId, spec.id(), spec.type(), spec.retryPolicy().retries() + 1));
        }
        boolean created = afterCommit.inTransaction(tx -> {
            WorkflowLock lock = tx.lockWorkflow(workflow.id());
            if (tx.runExists(runId)) {
                throw new ConflictException("run '" + runId + "' already exists");
            }
            if (!claim.claim(tx, runId)) {
                return Committed.nothing(false);
            }
            tx.insertRun(run, tasks);
            claim.recordRun(tx, runId, now);
            params.forEach((k, v) -> tx.putParam(runId, k, String.valueOf(v)));
            LOG.debug("run {} of {} queued (triggered by {})", runId, workflow.id(), request.triggeredBy());
            Effects.Builder effects = new Effects.Builder();
            if (afterCommit.isConnected()) {
                startQueued(tx, lock, workflow, effects);
            }
            return Committed.of(true, effects.build());
        });
        return created ? store.run(runId) : Optional.empty();
    }

    /** Whether a run was started for the file content (a read of its own, outside any run's transaction). */
    public boolean isClaimed(FileClaim claim) {
        return store.inTransaction(tx -> tx.isClaimed(claim));
    }

    /**
     * Starts the workflow's queued runs, oldest first, while it has fewer than max_active_runs running. Called after
     * a commit that ended or started runs; with no queued run committed it takes no lock: a trigger queues a run only
     * under the workflow's lock, after the caller's commit, so it saw that commit and needs nothing started.
     */
    public void startQueuedRuns(String workflowId) {
        Workflow workflow = workflows.workflow(workflowId).orElse(null);
        if (workflow == null || !afterCommit.isConnected() || !store.hasRuns(workflowId, RunState.QUEUED)) {
            return;
        }
        afterCommit.inTransaction(tx -> {
            Effects.Builder effects = new Effects.Builder();
            startQueued(tx, tx.lockWorkflow(workflowId), workflow, effects);
            return Committed.of(null, effects.build());
        });
    }

    /** Starts queued runs within max_active_runs, in the caller's transaction, which holds the workflow's lock. */
    private void startQueued(RunTransaction tx, WorkflowLock lock, Workflow workflow, Effects.Builder effects) {
        List<Run> queuedRuns = tx.runsOf(workflow.id(), RunState.QUEUED);
        if (queuedRuns.isEmpty()) {
            return;
        }
        int running = tx.countRuns(workflow.id(), RunState.RUNNING);
        RunAdvancer advancer = new RunAdvancer(tx, workflow, workflows, lock, effects);
        for (Run queued : queuedRuns) {
            if (running >= workflow.maxActiveRuns()) {
                break;
            }
            Run locked = tx.lockRun(queued.runId())
                    .filter(r -> r.state() == RunState.QUEUED)
                    .orElse(null);
            if (locked == null) {
                continue;
            }
            Instant now = settings.clock().instant();
            Run started = locked.moveTo(RunState.RUNNING, now);
            tx.updateRun(started);
            if (!advancer.advance(started, tx.taskRuns(started.runId()), now)
                    .state()
                    .isTerminal()) {
                running++;
            }
            LOG.debug("run {} of {} started", queued.runId(), workflow.id());
        }
        advancer.finish();
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
        String reason = cancelReason(by);
        String workflowId = run(runId).workflowId();
        Workflow workflow = workflows.workflow(workflowId).orElse(null);
        return afterCommit.inTransaction(tx -> {
            WorkflowLock lock = tx.lockWorkflow(workflowId);
            Run run = tx.lockRun(runId).orElseThrow(() -> new NotFoundException("run '" + runId + "' does not exist"));
            if (run.state().isTerminal()) {
                throw new ConflictException("run '" + runId + "' has already finished ("
                        + run.state().wireName() + ")");
            }
            Instant now = settings.clock().instant();
            Effects.Builder effects = new Effects.Builder();
            for (TaskRun task : tx.taskRuns(runId)) {
                if (task.state() == TaskState.RUNNING) {
                    effects.interrupt(new TryKey(runId, task.taskId(), task.tryNumber()));
                    tx.updateTask(task.finished(TaskState.FAILED, now, Map.of(), reason));
                    tx.insertTry(new TaskTry(
                            runId,
                            task.taskId(),
                            task.tryNumber(),
                            TaskState.FAILED,
                            task.startDate(),
                            now,
                            reason,
                            task.hostname()));
                } else if (!task.state().isTerminal()) {
                    tx.updateTask(task.skipped(reason));
                }
            }
            Run done = run.moveTo(RunState.FAILED, now);
            tx.updateRun(done);
            tx.appendEvent(RunEvents.failed(done, tx.taskRuns(runId), now));
            if (workflow != null) {
                RunAdvancer advancer = new RunAdvancer(tx, workflow, workflows, lock, effects);
                advancer.releaseWaitingTasks(runId, now);
                advancer.finish();
            }
            effects.finished(done);
            return Committed.of(done, effects.build());
        });
    }

    /** The error a cancel leaves on the tasks it stops: {@code cancelled by BY}, or {@code cancelled}. */
    public static String cancelReason(String by) {
        return by == null || by.isBlank() ? CANCELLED : CANCELLED + " by " + by.strip();
    }

    /** Who cancelled the run, if {@code taskError} is what a cancel left; "" when the cancel named nobody. */
    public static Optional<String> cancelledBy(String taskError) {
        if (taskError == null || !(taskError.equals(CANCELLED) || taskError.startsWith(CANCELLED + " by "))) {
            return Optional.empty();
        }
        return Optional.of(taskError.length() > CANCELLED.length() ? taskError.substring(CANCELLED.length() + 4) : "");
    }

    /**
     * Clears tasks so they run again in the same run with new try numbers: the given tasks and, with
     * {@code downstream}, everything downstream of them. A finished run goes back to queued and starts again when
     * max_active_runs allows. Tasks that are running or queued cannot be cleared.
     */
    public List<TaskRun> clear(String runId, Collection<String> taskIds, boolean downstream) {
        Workflow workflow = workflowForClear(run(runId));
        Set<String> selected = selectForClear(workflow, taskIds, downstream);
        List<TaskRun> cleared = afterCommit.inTransaction(tx -> {
            Effects.Builder effects = new Effects.Builder();
            WorkflowLock lock = tx.lockWorkflow(workflow.id());
            Run locked = tx.lockRun(runId).orElseThrow();
            List<TaskRun> result = new ArrayList<>();
            for (TaskRun task : tx.taskRuns(runId)) {
                if (!selected.contains(task.taskId())) {
                    continue;
                }
                if (task.state() == TaskState.RUNNING || task.state() == TaskState.SCHEDULED) {
                    throw new ConflictException("task '" + task.taskId() + "' of run '" + runId + "' is "
                            + task.state().wireName() + "; cancel the run or wait for it before clearing");
                }
                if (task.state() == TaskState.NONE) {
                    continue;
                }
                int retries =
                        workflow.task(task.taskId()).orElseThrow().retryPolicy().retries();
                TaskRun reset = task.cleared(retries);
                tx.updateTask(reset);
                result.add(reset);
            }
            if (!result.isEmpty()) {
                Instant now = settings.clock().instant();
                Run repinned = locked.pinnedTo(workflow.sourceHash());
                if (locked.state().isTerminal()) {
                    tx.updateRun(repinned.moveTo(RunState.QUEUED, now));
                } else if (locked.state() == RunState.RUNNING) {
                    tx.updateRun(repinned);
                    RunAdvancer advancer = new RunAdvancer(tx, workflow, workflows, lock, effects);
                    advancer.advance(repinned, tx.taskRuns(runId), now);
                    advancer.finish();
                }
            }
            return Committed.of(result, effects.build());
        });
        startQueuedRuns(workflow.id());
        return cleared;
    }

    /** Sets a task's state by hand to success or failed; its downstream tasks follow by their trigger rules. */
    public TaskRun mark(String runId, String taskId, TaskState outcome) {
        if (outcome != TaskState.SUCCESS && outcome != TaskState.FAILED) {
            throw new InvalidInputException("state: a task can be marked success or failed, not " + outcome.wireName());
        }
        Run run = run(runId);
        Workflow workflow = workflows.pinned(run).orElse(null);
        return afterCommit.inTransaction(tx -> {
            WorkflowLock lock = tx.lockWorkflow(run.workflowId());
            Run locked = tx.lockRun(runId).orElseThrow();
            List<TaskRun> tasks = tx.taskRuns(runId);
            TaskRun task = tasks.stream()
                    .filter(t -> t.taskId().equals(taskId))
                    .findFirst()
                    .orElseThrow(() -> new NotFoundException("run '" + runId + "' has no task '" + taskId + "'"));
            Instant now = settings.clock().instant();
            Effects.Builder effects = new Effects.Builder();
            if (task.state() == TaskState.RUNNING) {
                effects.interrupt(new TryKey(runId, taskId, task.tryNumber()));
            }
            TaskRun done = task.marked(outcome, now);
            tx.updateTask(done);
            if (locked.state() == RunState.RUNNING && workflow != null) {
                RunAdvancer advancer = new RunAdvancer(tx, workflow, workflows, lock, effects);
                advancer.advance(
                        locked,
                        tasks.stream()
                                .map(t -> t.taskId().equals(taskId) ? done : t)
                                .toList(),
                        now);
                advancer.releaseWaitingTasks(runId, now);
                advancer.finish();
            }
            return Committed.of(done, effects.build());
        });
    }

    /**
     * What {@link #clear} would reset, changing nothing: the selected tasks (and their downstream) that have a
     * status, as they are now.
     */
    public List<TaskRun> clearPreview(String runId, Collection<String> taskIds, boolean downstream) {
        Workflow workflow = workflowForClear(run(runId));
        Set<String> selected = selectForClear(workflow, taskIds, downstream);
        // in the workflow's order: the store's rows come in no defined order (on PostgreSQL, not the insertion order)
        List<String> declared = workflow.tasks().stream().map(TaskSpec::id).toList();
        return store.taskRuns(runId).stream()
                .filter(task -> selected.contains(task.taskId()) && task.state() != TaskState.NONE)
                .sorted(Comparator.comparingInt(task -> declared.indexOf(task.taskId())))
                .toList();
    }

    /**
     * The version a clear runs the tasks again with, and pins the run to: the workflow's current version when it has
     * the same tasks as the run's own (a fixed command, say: fixing the file and clearing the task reruns it with the
     * fix), else the run's own version, whose tasks the run has.
     */
    private Workflow workflowForClear(Run run) {
        Workflow own = workflowOf(run);
        Workflow current = workflows.workflow(run.workflowId()).orElse(null);
        if (current == null || !taskIds(current).equals(taskIds(own))) {
            return own;
        }
        return current;
    }

    private static Set<String> taskIds(Workflow workflow) {
        Set<String> ids = new LinkedHashSet<>();
        workflow.tasks().forEach(task -> ids.add(task.id()));
        return ids;
    }

    /** The version the run is pinned to. */
    private Workflow workflowOf(Run run) {
        return workflows
                .pinned(run)
                .orElseThrow(() -> new NotFoundException("workflow '" + run.workflowId() + "' of run '" + run.runId()
                        + "' no longer exists or its version can no longer be read"));
    }

    private static Set<String> selectForClear(Workflow workflow, Collection<String> taskIds, boolean downstream) {
        Set<String> selected = new LinkedHashSet<>();
        for (String taskId : taskIds) {
            workflow.task(taskId)
                    .orElseThrow(() ->
                            new NotFoundException("workflow '" + workflow.id() + "' has no task '" + taskId + "'"));
            selected.add(taskId);
            if (downstream) {
                collectDownstream(workflow, taskId, selected);
            }
        }
        return selected;
    }

    private static void collectDownstream(Workflow workflow, String taskId, Set<String> into) {
        for (var child : workflow.downstream(taskId)) {
            if (into.add(child.id())) {
                collectDownstream(workflow, child.id(), into);
            }
        }
    }

    /**
     * Puts back whatever a crash or an unfinished hand-over left behind: tries marked scheduled or up_for_retry
     * that the queue does not hold are submitted again, and queued runs start when there is room.
     */
    public void recover() {
        TaskQueue queue = afterCommit.queue();
        Instant now = settings.clock().instant();
        for (TaskState state : List.of(TaskState.SCHEDULED, TaskState.UP_FOR_RETRY)) {
            for (TaskRun task : store.unfinishedTaskRuns(state)) {
                TryKey key = new TryKey(task.runId(), task.taskId(), task.tryNumber());
                if (!queue.contains(key)) {
                    LOG.info("resubmitting {} ({}), which the queue had lost", key, state.wireName());
                    afterCommit.apply(new Effects.Builder()
                            .submit(key, task.nextTryAt() == null ? now : task.nextTryAt())
                            .build());
                }
            }
        }
        for (TaskRun task : store.unfinishedTaskRuns(TaskState.RUNNING)) {
            TryKey key = new TryKey(task.runId(), task.taskId(), task.tryNumber());
            if (queue.contains(key)) {
                continue;
            }
            Optional<TryKey> carrier = store.carrierOf(key);
            if (carrier.isPresent() && queue.contains(carrier.get())) {
                continue; // the carrier's job is in flight or will be recovered, and recovers this try with it
            }
            LOG.warn("try {} was running with no job behind it; recovering it", key);
            runner.execute(key, true);
        }
        store.runsInState(RunState.QUEUED).stream()
                .map(Run::workflowId)
                .distinct()
                .forEach(this::startQueuedRuns);
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

    /** How often {@link #awaitRun} looks at the database for an end recorded by another process. */
    static final Duration AWAIT_POLL = Duration.ofMillis(300);

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

    private void runFinished(Run run) {
        LOG.info("run {} of {} {}", run.runId(), run.workflowId(), run.state().wireName());
        notifyFinished(run);
        startQueuedRuns(run.workflowId());
    }

    private void notifyFinished(Run run) {
        for (RunListener listener : listeners) {
            try {
                listener.runFinished(run);
            } catch (RuntimeException e) {
                LOG.warn("run listener failed for {}: {}", run.runId(), e.getMessage());
            }
        }
    }

    /**
     * 32 hex digits, as MLflow's run ids, from a time-ordered UUID (version 7): runs sort by when they were created,
     * and the rows of new runs go to the end of the database's indexes instead of to random pages.
     */
    private static String newRunId() {
        UUID uuid = RUN_IDS.generate();
        return HexFormat.of().toHexDigits(uuid.getMostSignificantBits())
                + HexFormat.of().toHexDigits(uuid.getLeastSignificantBits());
    }
}
