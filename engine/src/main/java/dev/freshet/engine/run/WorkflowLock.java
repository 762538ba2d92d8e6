package dev.freshet.engine.run;

/** What locking a workflow's row reads with it: whether ready tasks are waiting for a slot (max_active_tasks). */
public record WorkflowLock(String workflowId, boolean tasksHeldBack) {}
