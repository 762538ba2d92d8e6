package dev.freshet.engine.run;

import java.time.Instant;
import java.util.Objects;

/** One try of a task: its own number, timestamps and outcome (its log is a file named by the same key). */
public record TaskTry(
        String runId,
        String taskId,
        int tryNumber,
        TaskState state,
        Instant startDate,
        Instant endDate,
        String error,
        String hostname) {
    public TaskTry {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(state, "state");
        if (tryNumber < 1) {
            throw new IllegalArgumentException("tryNumber must be >= 1, was " + tryNumber);
        }
    }
}
