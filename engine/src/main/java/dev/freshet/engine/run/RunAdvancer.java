package dev.freshet.engine.run;

import dev.freshet.engine.workflow.Workflow;

import java.time.Instant;
import java.util.List;

/**
 * Applies the {@link Dispatcher}'s decisions inside a transaction that holds the workflow's lock and then the run's:
 * schedules ready tasks within max_active_tasks, propagates upstream_failed and skipped, ends the run when every
 * task is done, and gives waiting tasks of the workflow's other runs the slots that became free. What is to follow
 * the commit (tries to queue, runs that ended) goes into the caller's {@link Effects.Builder}.
 */
final class RunAdvancer {
    private final RunTransaction tx;
    private final Workflow workflow;
    private final WorkflowSource pins;
    private final WorkflowLock lock;
    private final TaskSlots slots;
    private final Effects.Builder effects;
    private boolean lookedAtAllRuns;

    /**
     * {@code workflow} is the definition whose workflow-wide settings (max_active_tasks) apply; each run advances by
     * the version it is pinned to, from {@code pins}. {@code lock} is the caller's lock on the workflow's row, taken in
     * this transaction.
     */
    RunAdvancer(RunTransaction tx, Workflow workflow, WorkflowSource pins, WorkflowLock lock, Effects.Builder effects) {
        this.tx = tx;
        this.workflow = workflow;
        this.pins = pins;
        this.lock = lock;
        this.effects = effects;
        this.slots = new TaskSlots(tx, workflow.id(), workflow.maxActiveTasks());
    }

    /** Advances one running run whose rows the caller has locked and read; returns the run's new row. */
    Run advance(Run run, List<TaskRun> tasks, Instant now) {
        Workflow pinned = run.workflowHash() == null || run.workflowHash().equals(workflow.sourceHash())
                ? workflow
                : pins.pinned(run).orElse(null);
        if (pinned == null) {
            return endWithoutDefinition(tx, run, tasks, now, effects);
        }
        Dispatcher.Plan plan = Dispatcher.advance(pinned, tasks, slots::take);
        plan.changed().forEach(tx::updateTask);
        plan.toSubmit().forEach(key -> effects.submit(key, now));
        if (plan.runOutcome().isEmpty()) {
            return run;
        }
        Run ended = run.moveTo(plan.runOutcome().get(), now);
        tx.updateRun(ended);
        if (ended.state() == RunState.FAILED) {
            tx.appendEvent(RunEvents.failed(ended, tasks, now));
        }
        effects.finished(ended);
        return ended;
    }

    /**
     * A run whose definition is gone (its version no longer parses, or there is no such workflow any more) cannot know
     * what follows what: the tasks that wait are skipped, and the run fails once none is running.
     */
    static Run endWithoutDefinition(
            RunTransaction tx, Run run, List<TaskRun> tasks, Instant now, Effects.Builder effects) {
        String reason = "the definition of workflow '" + run.workflowId() + "' this run started with (version "
                + (run.workflowHash() == null ? "unknown" : run.workflowHash().substring(0, 12))
                + ") can no longer be read";
        boolean running = false;
        for (TaskRun task : tasks) {
            if (task.state() == TaskState.RUNNING) {
                running = true;
            } else if (!task.state().isTerminal()) {
                tx.updateTask(task.skipped(reason));
            }
        }
        if (running) {
            return run;
        }
        Run ended = run.moveTo(RunState.FAILED, now);
        tx.updateRun(ended);
        tx.appendEvent(RunEvents.failed(ended, tasks, now));
        effects.finished(ended);
        return ended;
    }

    /** After slots were freed: the workflow's other running runs get ready tasks that had to wait. */
    void releaseWaitingTasks(String exceptRunId, Instant now) {
        if (!lock.tasksHeldBack()) {
            return;
        }
        lookedAtAllRuns = true;
        for (Run other : tx.runsOf(workflow.id(), RunState.RUNNING)) {
            if (other.runId().equals(exceptRunId)) {
                continue;
            }
            tx.lockRun(other.runId())
                    .filter(r -> r.state() == RunState.RUNNING)
                    .ifPresent(locked -> advance(locked, tx.taskRuns(locked.runId()), now));
        }
    }

    /** Records whether ready tasks are still waiting for a slot; call last. */
    void finish() {
        boolean stillWaiting = slots.heldBack() || (lock.tasksHeldBack() && !lookedAtAllRuns);
        if (stillWaiting != lock.tasksHeldBack()) {
            tx.setTasksHeldBack(workflow.id(), stillWaiting);
        }
    }
}
