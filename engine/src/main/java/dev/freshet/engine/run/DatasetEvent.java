package dev.freshet.engine.run;

import java.time.Instant;
import java.util.Objects;

/** A dataset a task produced: recorded with the task's success, it may start runs of workflows that consume it. */
public record DatasetEvent(
        long eventId, String dataset, String workflowId, String runId, String taskId, Instant createdAt) {
    public DatasetEvent {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(workflowId, "workflowId");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
