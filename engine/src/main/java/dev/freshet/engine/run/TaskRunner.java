package dev.freshet.engine.run;

import dev.freshet.engine.FreshetException;
import dev.freshet.engine.task.TaskConfig;
import dev.freshet.engine.task.TaskResult;
import dev.freshet.engine.task.TaskType;
import dev.freshet.engine.task.TaskTypeRegistry;
import dev.freshet.engine.tracking.ModelRegistry;
import dev.freshet.engine.tracking.Tracking;
import dev.freshet.engine.workflow.TaskSpec;
import dev.freshet.engine.workflow.Workflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs one try of one task, as the queue delivers it: marks it running, renders its config, runs its
 * {@link TaskType} under its timeout, records the outcome and dispatches what became ready — all state changes in
 * transactions that hold the run's lock.
 */
public final class TaskRunner {
    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);
    private static final int MAX_ERROR_LENGTH = 4000;
    /** How long one queue job may go on running the successors of its try before it hands them to the queue. */
    private static final Duration CARRY_FOR = Duration.ofSeconds(1);

    private final RunStore store;
    private final WorkflowSource workflows;
    private final TaskTypeRegistry taskTypes;
    private final Tracking tracking;
    private final ModelRegistry models;
    private final EngineSettings settings;
    private final TemplateRenderer templates = new TemplateRenderer();
    private final TryProcesses processes;
    private final Map<TryKey, Attempt> active = new ConcurrentHashMap<>();
    private final ExecutorService taskThreads;
    private final java.util.concurrent.ScheduledExecutorService watchdog;
    private volatile TaskQueue queue;
    private volatile Consumer<Run> onRunFinished = run -> { };
    /** Set at shutdown: successors then go to the queue instead of running on the worker that made them ready. */
    private volatile boolean stopping;

    private record Attempt(RunningTaskContext context, Future<TaskResult> future) {
    }

    private record Started(Run run, TaskSpec spec, Workflow workflow,
                           Map<String, Map<String, Object>> upstreamOutputs) {
    }

    /** A failed try is retried unless its failure is {@code permanent}: bad input fails the same way every time. */
    private record Outcome(TaskResult result, String error, boolean permanent) {
        static Outcome success(TaskResult result) {
            return new Outcome(result, null, false);
        }

        static Outcome failure(String error) {
            return new Outcome(null, error, false);
        }

        static Outcome permanentFailure(String error) {
            return new Outcome(null, error, true);
        }
    }

    private record Completion(List<TryKey> toSubmit, List<Instant> notBefore, List<Run> finishedRuns) {
    }

    /** A successor marked running in the commit that ended the try before it, with what it runs with. */
    private record Carried(TryKey key, Started started) {
    }

    /** What a hand-over committed: the successor to queue, or to run straight away when it was carried. */
    private record HandOver(Completion completion, Carried carried) {
    }

    public TaskRunner(RunStore store, WorkflowSource workflows, TaskTypeRegistry taskTypes, Tracking tracking,
                      ModelRegistry models, EngineSettings settings) {
        this.store = store;
        this.workflows = workflows;
        this.taskTypes = taskTypes;
        this.tracking = tracking;
        this.models = models;
        this.settings = settings;
        this.processes = new TryProcesses(settings.home(), settings.hostname());
        AtomicInteger threadNumber = new AtomicInteger();
        this.taskThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "freshet-task-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "freshet-cancel-watch");
            t.setDaemon(true);
            return t;
        });
        watchdog.scheduleWithFixedDelay(this::cancelTriesStoppedElsewhere, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * A run cancelled or a task marked through another process (the CLI, another cluster node) changes only the
     * database; once a second, tries running here whose task no longer says so are interrupted.
     */
    private void cancelTriesStoppedElsewhere() {
        try {
            java.util.Set<TryKey> mine = new java.util.HashSet<>(active.keySet());
            if (mine.isEmpty()) {
                return;
            }
            mine.removeAll(store.stillRunning(mine));
            mine.forEach(key -> {
                LOG.info("try {} was stopped outside this process; interrupting it", key);
                cancelLocal(key);
            });
        } catch (RuntimeException e) {
            LOG.debug("cancel watch failed: {}", e.getMessage());
        }
    }

    void connect(TaskQueue queue, Consumer<Run> onRunFinished) {
        this.queue = queue;
        this.onRunFinished = onRunFinished;
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
        Carried next = runOne(key, recovering, carryUntil);
        while (next != null) {
            TryKey carried = next.key();
            try {
                next = runStarted(carried, key, next.started(), carryUntil);
            } catch (RuntimeException e) {
                // The carrier's job ends with this exception: the carried try, marked running, must not stay so.
                LOG.warn("carried try {} failed outside its task ({}); failing it", carried, e.getMessage());
                afterCommit(store.inTransaction(tx -> recoverDeadTry(tx, carried)));
                throw e;
            }
        }
    }

    /**
     * Runs the try its own queue job delivered; returns the try to run next on this worker, if any: only until
     * {@code carryUntil} (System.nanoTime), so that a chain gives its worker back to the queue's other work — other
     * runs, schedule fires, the dagrun_timeout check — at least that often.
     */
    private Carried runOne(TryKey key, boolean recovering, long carryUntil) {
        if (!store.startTry(key, settings.clock().instant(), settings.hostname())) {
            if (recovering) {
                processes.killLeftovers(key);
                afterCommit(store.inTransaction(tx -> recoverDeadTry(tx, key)));
                recoverCarriedTries(key);
            }
            return null;
        }
        Run run = store.run(key.runId()).orElseThrow();
        Workflow workflow = workflows.workflow(run.workflowId()).orElse(null);
        TaskSpec spec = workflow == null ? null : workflow.task(key.taskId()).orElse(null);
        return runStarted(key, key, new Started(run, spec, workflow, store.taskOutputs(key.runId())), carryUntil);
    }

    /**
     * Runs a try already marked running, under the queue job of {@code job}: its own, or that of the carrier that
     * marked it running in the transaction which ended the try before it.
     */
    private Carried runStarted(TryKey key, TryKey job, Started started, long carryUntil) {
        try (var runId = org.slf4j.MDC.putCloseable("run_id", key.runId());
             var taskId = org.slf4j.MDC.putCloseable("task_id", key.taskId());
             var tryNumber = org.slf4j.MDC.putCloseable("try", String.valueOf(key.tryNumber()))) {
            Outcome outcome = runTry(key, started);
            return finish(key, job, started.run(), outcome, System.nanoTime() - carryUntil < 0);
        }
    }

    /**
     * The job of {@code carrier} was in flight when its process died: the tries it carried that still say running
     * died too, and a successor that was made ready but not yet started goes to the queue.
     */
    private void recoverCarriedTries(TryKey carrier) {
        for (TryKey carried : store.runningCarriedBy(carrier)) {
            processes.killLeftovers(carried);
            afterCommit(store.inTransaction(tx -> recoverDeadTry(tx, carried)));
        }
        for (TaskRun task : store.taskRuns(carrier.runId())) {
            TryKey waiting = new TryKey(task.runId(), task.taskId(), Math.max(1, task.tryNumber()));
            if (task.state() == TaskState.SCHEDULED && !queue.contains(waiting)) {
                LOG.info("queueing {}, made ready by the job of {} before its process died", waiting, carrier);
                queue.submit(waiting, java.time.Duration.ZERO);
            }
        }
    }

    /** Cancels a try running in this process, if there is one; it then fails as cancelled. */
    public void cancelLocal(TryKey key) {
        Attempt attempt = active.get(key);
        if (attempt != null) {
            attempt.context().cancel();
            attempt.future().cancel(true);
        }
    }

    public Path logFile(TryKey key) {
        return FileTaskLog.fileFor(settings.logRoot(), key);
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
        watchdog.shutdownNow();
        active.values().forEach(a -> a.future().cancel(true));
        taskThreads.shutdownNow();
    }

    /** A try that Quartz re-fired after its process died: if the task still says it is running, that try failed. */
    private Completion recoverDeadTry(RunTransaction tx, TryKey key) {
        String workflowId = store.run(key.runId()).map(Run::workflowId).orElse(null);
        if (workflowId == null) {
            return null;
        }
        WorkflowLock lock = tx.lockWorkflow(workflowId);
        Run run = tx.lockRun(key.runId()).orElse(null);
        if (run == null || run.state() != RunState.RUNNING) {
            return null;
        }
        List<TaskRun> tasks = tx.taskRuns(key.runId());
        TaskRun task = runningTry(tasks, key);
        if (task == null) {
            return null;
        }
        Instant now = settings.clock().instant();
        LOG.warn("try {} was running when its process died; failing it", key);
        return complete(tx, lock, run, workflows.workflow(run.workflowId()).orElse(null), tasks, task,
                Outcome.failure("the process running try " + key.tryNumber() + " died (" + task.hostname()
                        + "); recovered at " + now), now);
    }

    private Outcome runTry(TryKey key, Started started) {
        try (FileTaskLog log = new FileTaskLog(logFile(key), key, settings.clock(),
                SecretMasker.ofServer(settings.home()))) {
            if (started.spec() == null) {
                return Outcome.failure("workflow '" + started.run().workflowId() + "' no longer defines task '"
                        + key.taskId() + "'");
            }
            log.info("try {} of {} ({}) on {}", key.tryNumber(), key.taskId(), started.spec().type(),
                    settings.hostname());
            try {
                RunningTaskContext context = contextFor(key, started, log);
                TaskType type = taskTypes.get(started.spec().type());
                Map<String, String> logContext = org.slf4j.MDC.getCopyOfContextMap();
                Future<TaskResult> future = taskThreads.submit(() -> {
                    org.slf4j.MDC.setContextMap(logContext == null ? Map.of() : logContext);
                    try {
                        return type.run(context);
                    } finally {
                        org.slf4j.MDC.clear();
                    }
                });
                active.put(key, new Attempt(context, future));
                TaskResult result = await(future, started.spec().timeout());
                log.info("succeeded; outputs {}", result.outputs());
                return Outcome.success(result);
            } catch (Exception e) {
                String error = describe(e, started.spec().timeout());
                log.error("failed: {}", error);
                LOG.warn("try {} failed: {}", key, error);
                if (!(e instanceof FreshetException) && !(e instanceof TimeoutException)) {
                    LOG.debug("try {} failed", key, e);
                }
                return e instanceof dev.freshet.engine.InvalidInputException
                        ? Outcome.permanentFailure(error) : Outcome.failure(error);
            } finally {
                active.remove(key);
                processes.forget(key);
            }
        } catch (RuntimeException e) {
            return Outcome.failure("cannot run try: " + e.getMessage());
        }
    }

    private RunningTaskContext contextFor(TryKey key, Started started, FileTaskLog log) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("params", started.run().params());
        Map<String, Object> runVars = new LinkedHashMap<>();
        runVars.put("id", started.run().runId());
        runVars.put("logical_date", started.run().logicalDate().toString());
        runVars.put("workflow_id", started.run().workflowId());
        runVars.put("try_number", key.tryNumber());
        variables.put("run", runVars);
        Map<String, Object> taskVars = new LinkedHashMap<>();
        started.workflow().tasks().forEach(t -> taskVars.put(t.id(),
                Map.of("outputs", started.upstreamOutputs().getOrDefault(t.id(), Map.of()))));
        variables.put("tasks", taskVars);
        Map<String, Object> rendered = templates.render(key.taskId(), started.spec().with(), variables,
                taskTypes.get(started.spec().type()).shellQuotedFields());
        log.maskSecretsIn(rendered);
        Path workflowDir = started.workflow().source() == null ? Path.of(".").toAbsolutePath().normalize()
                : started.workflow().source().toAbsolutePath().getParent();
        Map<String, Map<String, Object>> upstream = new LinkedHashMap<>();
        for (String id : ancestorsNearestFirst(started.workflow(), started.spec())) {
            upstream.put(id, started.upstreamOutputs().getOrDefault(id, Map.of()));
        }
        return new RunningTaskContext(key, started.run(), new TaskConfig(key.taskId(), rendered), upstream,
                workflowDir, log, tracking, models, settings.clock(), processes);
    }

    /** The task's direct upstream tasks, then theirs, and so on (breadth first). */
    private static List<String> ancestorsNearestFirst(Workflow workflow, TaskSpec spec) {
        java.util.LinkedHashSet<String> seen = new java.util.LinkedHashSet<>();
        java.util.ArrayDeque<String> frontier = new java.util.ArrayDeque<>(spec.needs());
        while (!frontier.isEmpty()) {
            String id = frontier.poll();
            if (seen.add(id)) {
                workflow.task(id).ifPresent(t -> frontier.addAll(t.needs()));
            }
        }
        return new ArrayList<>(seen);
    }

    private static TaskResult await(Future<TaskResult> future, Duration timeout) throws Exception {
        try {
            return timeout == null ? future.get() : future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static String describe(Exception e, Duration timeout) {
        String text;
        if (e instanceof TimeoutException) {
            text = "timed out after " + timeout;
        } else if (e instanceof CancellationException || e instanceof InterruptedException) {
            text = "cancelled";
        } else if (e instanceof FreshetException) {
            text = e.getMessage();
        } else {
            text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) + "…" : text;
    }

    /** Records the outcome; returns the successor this worker should run straight away, if any. */
    private Carried finish(TryKey key, TryKey job, Run runAtStart, Outcome outcome, boolean mayCarry) {
        boolean carry = mayCarry && !stopping;
        String workflowId = runAtStart.workflowId();
        HandOver handedOver = outcome.error() == null
                ? store.inTransaction(tx -> handOver(tx, key, job, runAtStart, outcome, carry)) : null;
        if (handedOver != null) {
            afterCommit(handedOver.completion());
            return handedOver.carried();
        }
        Completion completion = store.inTransaction(tx -> {
            WorkflowLock lock = tx.lockWorkflow(workflowId);
            Run run = tx.lockRun(key.runId()).orElse(null);
            if (run == null) {
                return null;
            }
            List<TaskRun> tasks = tx.taskRuns(key.runId());
            TaskRun task = runningTry(tasks, key);
            if (task == null) {
                return null; // cancelled, cleared or marked while it ran: its result no longer counts
            }
            Workflow workflow = workflows.workflow(run.workflowId()).orElse(null);
            return complete(tx, lock, run, workflow, tasks, task, outcome, settings.clock().instant());
        });
        afterCommit(completion);
        return null;
    }

    /**
     * The common case of a chain, without the workflow's lock: the try succeeded and exactly one task becomes ready,
     * which takes over the finished task's place under max_active_tasks, so the workflow's count of active tasks does
     * not change and tasks waiting for a place elsewhere lose nothing. Returns null, having written nothing, when
     * the case is another one; the caller then takes the workflow's lock.
     */
    private HandOver handOver(RunTransaction tx, TryKey key, TryKey job, Run run, Outcome outcome, boolean carry) {
        // Of the run's row only the state can have changed since the try started: the rest is in hand.
        if (tx.lockRunState(key.runId()).orElse(null) != RunState.RUNNING) {
            return null;
        }
        Workflow workflow = workflows.workflow(run.workflowId()).orElse(null);
        if (workflow == null) {
            return null;
        }
        List<TaskRun> tasks = tx.taskRuns(key.runId());
        TaskRun task = runningTry(tasks, key);
        if (task == null) {
            return null;
        }
        Instant now = settings.clock().instant();
        TaskRun done = task.finished(TaskState.SUCCESS, now, outcome.result().outputs(), null);
        int[] placesAsked = {0};
        List<TaskRun> after = tasks.stream().map(t -> t == task ? done : t).toList();
        Dispatcher.Plan plan = Dispatcher.advance(workflow, after, () -> ++placesAsked[0] == 1);
        if (placesAsked[0] != 1 || plan.toSubmit().size() != 1 || plan.runOutcome().isPresent()) {
            return null;
        }
        tx.updateTask(done);
        tx.insertTry(new TaskTry(task.runId(), task.taskId(), task.tryNumber(), TaskState.SUCCESS, task.startDate(),
                now, null, task.hostname()));
        TryKey next = plan.toSubmit().get(0);
        for (TaskRun changed : plan.changed()) {
            if (carry && changed.taskId().equals(next.taskId())) {
                // It starts in the same commit as the end of the try before it, carried by the job in flight.
                tx.startCarriedTry(changed.started(settings.clock().instant(), settings.hostname()), job);
            } else {
                tx.updateTask(changed);
            }
        }
        if (!carry) {
            return new HandOver(new Completion(plan.toSubmit(), List.of(now), List.of()), null);
        }
        // What the successor runs with is all in hand: the run as locked, the outputs as committed — the finished
        // task's as stored, so that it sees the same values as a successor that reads them from the database.
        Map<String, Map<String, Object>> outputs = new LinkedHashMap<>();
        after.stream().filter(t -> !t.outputs().isEmpty()).forEach(t -> outputs.put(t.taskId(),
                t == done ? store.asStored(t.outputs()) : t.outputs()));
        Started started = new Started(run, workflow.task(next.taskId()).orElseThrow(), workflow, outputs);
        return new HandOver(null, new Carried(next, started));
    }

    /** The task of {@code key} if it is still running that try, else null. */
    private static TaskRun runningTry(List<TaskRun> tasks, TryKey key) {
        return tasks.stream()
                .filter(t -> t.taskId().equals(key.taskId()) && t.state() == TaskState.RUNNING
                        && t.tryNumber() == key.tryNumber())
                .findFirst().orElse(null);
    }

    /** Records a try's outcome and advances the run; the caller holds the workflow's and the run's locks. */
    private Completion complete(RunTransaction tx, WorkflowLock lock, Run run, Workflow workflow,
                                List<TaskRun> tasksBefore, TaskRun task, Outcome outcome, Instant now) {
        List<TryKey> toSubmit = new ArrayList<>();
        List<Instant> notBefore = new ArrayList<>();
        TaskRun done;
        TaskSpec spec = workflow == null ? null : workflow.task(task.taskId()).orElse(null);
        if (outcome.error() == null) {
            done = task.finished(TaskState.SUCCESS, now, outcome.result().outputs(), null);
        } else if (task.hasTriesLeft() && spec != null && !outcome.permanent()) {
            Instant next = now.plus(spec.retryPolicy().delayBeforeRetry(task.tryNumber()));
            done = task.retryAt(now, next, outcome.error());
            toSubmit.add(new TryKey(task.runId(), task.taskId(), done.tryNumber()));
            notBefore.add(next);
        } else {
            done = task.finished(TaskState.FAILED, now, Map.of(), outcome.error());
        }
        tx.updateTask(done);
        tx.insertTry(new TaskTry(task.runId(), task.taskId(), task.tryNumber(),
                outcome.error() == null ? TaskState.SUCCESS : TaskState.FAILED, task.startDate(), now,
                outcome.error(), task.hostname()));
        if (workflow == null) {
            Run failed = run.moveTo(RunState.FAILED, now);
            tx.updateRun(failed);
            return new Completion(toSubmit, notBefore, List.of(failed));
        }
        RunAdvancer advancer = new RunAdvancer(tx, workflow, lock);
        advancer.advance(run, tasksBefore.stream().map(t -> t.taskId().equals(done.taskId()) ? done : t).toList(), now);
        advancer.releaseWaitingTasks(run.runId(), now);
        RunAdvancer.Effects effects = advancer.finish();
        effects.toSubmit().forEach(k -> {
            toSubmit.add(k);
            notBefore.add(now);
        });
        return new Completion(toSubmit, notBefore, effects.finished());
    }

    private void afterCommit(Completion completion) {
        if (completion == null) {
            return;
        }
        for (int i = 0; i < completion.toSubmit().size(); i++) {
            queue.submit(completion.toSubmit().get(i),
                    RunService.delayUntil(settings.clock().instant(), completion.notBefore().get(i)));
        }
        completion.finishedRuns().forEach(onRunFinished);
    }
}
