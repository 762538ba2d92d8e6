package dev.freshet.engine.run;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.error.NotFoundException;
import dev.freshet.engine.workflow.Workflow;

import java.time.Instant;
import java.util.List;

/** Sets a task's state by hand to success or failed, and advances its run by the trigger rules. */
final class MarkTask {
    private final WorkflowSource workflows;
    private final EngineSettings settings;
    private final AfterCommit afterCommit;

    MarkTask(WorkflowSource workflows, EngineSettings settings, AfterCommit afterCommit) {
        this.workflows = workflows;
        this.settings = settings;
        this.afterCommit = afterCommit;
    }

    /** Refuses any other state than success or failed, before anything is read. */
    static void checkOutcome(TaskState outcome) {
        if (outcome != TaskState.SUCCESS && outcome != TaskState.FAILED) {
            throw new InvalidInputException("state: a task can be marked success or failed, not " + outcome.wireName());
        }
    }

    /** The caller has checked {@code outcome} with {@link #checkOutcome}. */
    TaskRun mark(Run run, String taskId, TaskState outcome) {
        String runId = run.runId();
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
}
