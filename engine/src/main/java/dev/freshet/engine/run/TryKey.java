package dev.freshet.engine.run;

import java.util.Objects;

/** Names one try of one task in one run. */
public record TryKey(String runId, String taskId, int tryNumber) {
    public TryKey {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(taskId, "taskId");
        if (tryNumber < 1) {
            throw new IllegalArgumentException("tryNumber must be >= 1, was " + tryNumber);
        }
    }

    @Override
    public String toString() {
        return runId + "/" + taskId + "/" + tryNumber;
    }
}
