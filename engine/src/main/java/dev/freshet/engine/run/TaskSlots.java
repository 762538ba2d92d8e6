package dev.freshet.engine.run;

/**
 * The free places under a workflow's max_active_tasks, counted once per transaction (on first use) and used up as
 * tasks are scheduled. The caller holds the workflow's lock, so the count stays true until it commits.
 */
final class TaskSlots {
    private final RunTransaction tx;
    private final String workflowId;
    private final int limit;
    private int free = -1;
    private boolean heldBack;

    TaskSlots(RunTransaction tx, String workflowId, int limit) {
        this.tx = tx;
        this.workflowId = workflowId;
        this.limit = limit;
    }

    /** Takes a slot if one is free; otherwise remembers that a ready task had to wait. */
    boolean take() {
        if (free < 0) {
            free = Math.max(0, limit - tx.activeTaskCount(workflowId));
        }
        if (free == 0) {
            heldBack = true;
            return false;
        }
        free--;
        return true;
    }

    boolean heldBack() {
        return heldBack;
    }
}
