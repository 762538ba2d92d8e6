package dev.freshet.engine.run;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Persistence of runs, task runs and tries (implemented in engine.store). Our tables are the truth about runs. */
public interface RunStore {

    /** Runs {@code work} in one transaction; any exception rolls it back. */
    <T> T inTransaction(Function<RunTransaction, T> work);

    Optional<Run> run(String runId);

    /**
     * Compare-and-set: moves the task to running for this try, only if it is waiting for exactly this try (scheduled
     * or up_for_retry). False for a duplicate, stale or cancelled delivery. One statement, no run lock: it is on the
     * path between one task's end and the next one's start.
     */
    boolean startTry(TryKey key, Instant now, String hostname);

    /** The queued try whose job carries this running try, if it has no job of its own. */
    Optional<TryKey> carrierOf(TryKey key);

    /** The tries of the carrier's run that are running, carried by its job. */
    List<TryKey> runningCarriedBy(TryKey carrier);

    RunSlice runs(RunQuery query);

    /** Of these tries, those whose task still says it is running that try. */
    Set<TryKey> stillRunning(Collection<TryKey> tries);

    List<TaskRun> taskRuns(String runId);

    /** The outputs of the run's tasks that have any, by task id: what a starting try renders its config with. */
    Map<String, Map<String, Object>> taskOutputs(String runId);

    List<TaskTry> tries(String runId, String taskId);

    /** Outputs as they are stored and read back (JSON values), for a successor that gets them without a read. */
    Map<String, Object> asStored(Map<String, Object> outputs);

    /** Whether the workflow has a committed run in the state. */
    boolean hasRuns(String workflowId, RunState state);

    /**
     * Finished runs whose end is at or after {@code since}, oldest end first, at most {@code limit}: how a process
     * learns of runs that other processes ended.
     */
    List<Run> runsEndedSince(Instant since, int limit);

    /** Runs in a state, oldest first, over all workflows (for recovery at start-up). */
    List<Run> runsInState(RunState state);

    /** Task runs in a state whose run is not finished (for recovery at start-up). */
    List<TaskRun> unfinishedTaskRuns(TaskState state);

    boolean isPaused(String workflowId);

    void setPaused(String workflowId, boolean paused);

    /** Events of {@code dataset} that {@code workflowId} has not consumed, oldest first, at most {@code limit}. */
    List<DatasetEvent> unconsumedDatasetEvents(String workflowId, String dataset, int limit);

    /** The events that started the run, with the run: its upstream lineage. */
    List<DatasetConsumption> consumedBy(String runId);

    /** The runs that the run's dataset events started: its downstream lineage. */
    List<DatasetConsumption> startedBy(String producerRunId);

    /**
     * Re-arms the workflow's performance trigger if it last fired for this model version: the metric is back below
     * its line. True when it was armed by this call.
     */
    boolean rearmDecayCrossing(String workflowId, String model, int version, Instant at);

    /** The dataset events the run's tasks recorded. */
    List<DatasetEvent> datasetEventsOf(String runId);
}
