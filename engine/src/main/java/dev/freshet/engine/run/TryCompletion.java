package dev.freshet.engine.run;

import dev.freshet.engine.workflow.TaskSpec;
import dev.freshet.engine.workflow.Workflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records how a try ended and advances its run: success, a retry at now + backoff while it has tries left (and its
 * failure is not permanent), or failure; then the {@link Dispatcher} decides what follows. A chain's success takes
 * the {@link ChainHandOver}; everything else takes the workflow's lock, then the run's.
 */
final class TryCompletion {
    private final WorkflowSource workflows;
    private final EngineSettings settings;
    private final AfterCommit afterCommit;
    private final ChainHandOver handOver;

    TryCompletion(RunStore store, WorkflowSource workflows, EngineSettings settings, AfterCommit afterCommit) {
        this.workflows = workflows;
        this.settings = settings;
        this.afterCommit = afterCommit;
        this.handOver = new ChainHandOver(store, workflows, settings);
    }

    /**
     * Records the outcome of {@code key}, run under the queue job of {@code job}; returns the successor this worker
     * should run straight away, if any (only with {@code carry}).
     */
    Optional<CarriedTry> record(TryKey key, TryKey job, Run runAtStart, TryOutcome outcome, boolean carry) {
        if (outcome.succeeded()) {
            ChainHandOver.Result handedOver =
                    afterCommit.inTransaction(tx -> handOver.attempt(tx, key, job, runAtStart, outcome, carry));
            if (handedOver.taken()) {
                return handedOver.carried();
            }
        }
        afterCommit.inTransaction(tx -> {
            WorkflowLock lock = tx.lockWorkflow(runAtStart.workflowId());
            Run run = tx.lockRun(key.runId()).orElse(null);
            if (run == null) {
                return Committed.nothing(false);
            }
            List<TaskRun> tasks = tx.taskRuns(key.runId());
            // Cancelled, cleared or marked while it ran: its result no longer counts.
            return runningTry(tasks, key)
                    .map(task -> Committed.of(
                            true,
                            complete(
                                    tx,
                                    lock,
                                    run,
                                    tasks,
                                    task,
                                    outcome,
                                    settings.clock().instant())))
                    .orElse(Committed.nothing(false));
        });
        return Optional.empty();
    }

    /**
     * Records the datasets the task produces, in the transaction that records its success; the workflows they
     * trigger are told once it has committed.
     */
    static void recordProduced(
            RunTransaction tx, Workflow workflow, TaskRun task, Instant now, Effects.Builder effects) {
        workflow.task(task.taskId()).map(TaskSpec::produces).ifPresent(produced -> {
            produced.forEach(
                    dataset -> tx.recordDatasetEvent(dataset, workflow.id(), task.runId(), task.taskId(), now));
            effects.produced(produced);
        });
    }

    /** Records a try's outcome and advances the run; the caller holds the workflow's and the run's locks. */
    Effects complete(
            RunTransaction tx,
            WorkflowLock lock,
            Run run,
            List<TaskRun> tasksBefore,
            TaskRun task,
            TryOutcome outcome,
            Instant now) {
        Workflow workflow = workflows.pinned(run).orElse(null);
        Effects.Builder effects = new Effects.Builder();
        TaskRun done;
        TaskSpec spec = workflow == null ? null : workflow.task(task.taskId()).orElse(null);
        if (outcome.succeeded()) {
            done = task.finished(TaskState.SUCCESS, now, outcome.result().outputs(), null);
            if (workflow != null) {
                recordProduced(tx, workflow, task, now, effects);
            }
        } else if (task.hasTriesLeft() && spec != null && !outcome.permanent()) {
            Instant next = now.plus(spec.retryPolicy().delayBeforeRetry(task.tryNumber()));
            done = task.retryAt(now, next, outcome.error());
            effects.submit(new TryKey(task.runId(), task.taskId(), done.tryNumber()), next);
        } else {
            done = task.finished(TaskState.FAILED, now, Map.of(), outcome.error());
        }
        tx.updateTask(done);
        outcome.events().forEach(raised -> tx.appendEvent(RunEvents.raisedBy(run, task.taskId(), raised, now)));
        tx.insertTry(new TaskTry(
                task.runId(),
                task.taskId(),
                task.tryNumber(),
                outcome.succeeded() ? TaskState.SUCCESS : TaskState.FAILED,
                task.startDate(),
                now,
                outcome.error(),
                task.hostname()));
        if (workflow == null) {
            RunAdvancer.endWithoutDefinition(
                    tx,
                    run,
                    tasksBefore.stream()
                            .map(t -> t.taskId().equals(done.taskId()) ? done : t)
                            .toList(),
                    now,
                    effects);
            return effects.build();
        }
        RunAdvancer advancer = new RunAdvancer(tx, workflow, workflows, lock, effects);
        advancer.advance(
                run,
                tasksBefore.stream()
                        .map(t -> t.taskId().equals(done.taskId()) ? done : t)
                        .toList(),
                now);
        advancer.releaseWaitingTasks(run.runId(), now);
        advancer.finish();
        return effects.build();
    }

    /** The task of {@code key} if it is still running that try. */
    static Optional<TaskRun> runningTry(List<TaskRun> tasks, TryKey key) {
        return tasks.stream()
                .filter(t -> t.taskId().equals(key.taskId())
                        && t.state() == TaskState.RUNNING
                        && t.tryNumber() == key.tryNumber())
                .findFirst();
    }
}
