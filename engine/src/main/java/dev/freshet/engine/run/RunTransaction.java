package dev.freshet.engine.run;

import dev.freshet.engine.events.Event;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one transaction may do. Lock order is workflow, then run: every change to a run's tasks happens under
 * {@link #lockRun} or {@link #lockRunState}, so two tasks finishing at once cannot both miss their common successor.
 */
public interface RunTransaction {

    /** Locks (creating if needed) the workflow's row: serialises decisions such as max_active_runs. */
    WorkflowLock lockWorkflow(String workflowId);

    /** Locks and reads the run's row. */
    Optional<Run> lockRun(String runId);

    /** Locks the run's row and reads only its state. */
    Optional<RunState> lockRunState(String runId);

    boolean runExists(String runId);

    void insertRun(Run run, List<TaskRun> tasks);

    /** Writes the run's state, start and end dates, and the workflow version it is pinned to. */
    void updateRun(Run run);

    List<TaskRun> taskRuns(String runId);

    void updateTask(TaskRun task);

    /** Records a finished try (each try is written once, when it ends). */
    void insertTry(TaskTry taskTry);

    /** The workflow's runs in a state, first in first out. */
    List<Run> runsOf(String workflowId, RunState state);

    int countRuns(String workflowId, RunState state);

    /**
     * Writes {@code running}, a task just marked running, as a try run straight on the worker of the queued try
     * {@code carrier} (of the same run), whose job stands for it in the queue.
     */
    void startCarriedTry(TaskRun running, TryKey carrier);

    void putParam(String runId, String key, String value);

    /** Tasks of the workflow's running runs that are scheduled or running: what max_active_tasks limits. */
    int activeTaskCount(String workflowId);

    void setTasksHeldBack(String workflowId, boolean heldBack);

    /** Records that a task of a run produced {@code dataset}, with the task's success. */
    void recordDatasetEvent(String dataset, String workflowId, String runId, String taskId, Instant at);

    /**
     * Records that the events start {@code runId} of {@code workflowId}; false, writing nothing, when the workflow
     * already consumed any of them.
     */
    boolean claimDatasetEvents(String workflowId, List<Long> eventIds, String runId);

    /**
     * Records that the workflow's performance trigger fired for the model's version; false, writing nothing, when it
     * already fired for that version and has not been re-armed since.
     */
    boolean claimDecayCrossing(String workflowId, String model, int version, Instant at);

    /** Appends an event to the outbox in this transaction: it is delivered only if the change it reports commits. */
    void appendEvent(Event event);

    /** Whether a run was already started for this file content. */
    boolean isClaimed(FileClaim claim);

    /** Records that {@code runId}, inserted in this transaction, was started for the file content. */
    void insertClaim(FileClaim claim, String runId, Instant at);
}
