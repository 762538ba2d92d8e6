package dev.freshet.engine.run;

import dev.freshet.engine.error.ConflictException;
import dev.freshet.engine.error.NotFoundException;
import dev.freshet.engine.workflow.Workflow;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Fails a run that has not finished: its running tries are interrupted and fail, its other tasks are skipped. */
final class CancelRun {
    private static final String CANCELLED = "cancelled";

    private final WorkflowSource workflows;
    private final EngineSettings settings;
    private final AfterCommit afterCommit;

    CancelRun(WorkflowSource workflows, EngineSettings settings, AfterCommit afterCommit) {
        this.workflows = workflows;
        this.settings = settings;
        this.afterCommit = afterCommit;
    }

    /** Each task it stops keeps {@link #reason(String)} as its error. */
    Run cancel(String runId, String workflowId, String by) {
        String reason = reason(by);
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
    static String reason(String by) {
        return by == null || by.isBlank() ? CANCELLED : CANCELLED + " by " + by.strip();
    }

    /** Who cancelled the run, if {@code taskError} is what a cancel left; "" when the cancel named nobody. */
    static Optional<String> cancelledBy(String taskError) {
        if (taskError == null || !(taskError.equals(CANCELLED) || taskError.startsWith(CANCELLED + " by "))) {
            return Optional.empty();
        }
        return Optional.of(taskError.length() > CANCELLED.length() ? taskError.substring(CANCELLED.length() + 4) : "");
    }
}
