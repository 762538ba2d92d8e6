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
    private final WorkflowLock lock;
    private final TaskSlots slots;
    private final Effects.Builder effects;
    private boolean lookedAtAllRuns;

    /** {@code lock} is the caller's lock on the workflow's row, taken in this transaction. */
    RunAdvancer(RunTransaction tx, Workflow workflow, WorkflowLock lock, Effects.Builder effects) {
        this.tx = tx;
        this.workflow = workflow;
        this.lock = lock;
        this.effects = effects;
        this.slots = new TaskSlots(tx, workflow.id(), workflow.maxActiveTasks());
    }

    /** Advances one running run whose rows the caller has locked and read; returns the run's new row. */
    Run advance(Run run, List<TaskRun> tasks, Instant now) {
        Dispatcher.Plan plan = Dispatcher.advance(workflow, tasks, slots::take);
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
