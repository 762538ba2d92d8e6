package dev.freshet.engine.run;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A task within a run: its current state and try. {@code maxTries} is retries + 1. */
public record TaskRun(
        String runId,
        String taskId,
        String taskType,
        TaskState state,
        int tryNumber,
        int maxTries,
        Instant startDate,
        Instant endDate,
        Instant nextTryAt,
        Map<String, Object> outputs,
        String error,
        String hostname) {
    public TaskRun {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(state, "state");
        outputs = outputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        if (maxTries < 1) {
            throw new IllegalArgumentException("maxTries must be >= 1, was " + maxTries);
        }
    }

    public static TaskRun initial(String runId, String taskId, String taskType, int maxTries) {
        return new TaskRun(
                runId, taskId, taskType, TaskState.NONE, 0, maxTries, null, null, null, Map.of(), null, null);
    }

    public TaskRun moveTo(TaskState next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalTransitionException(
                    "task " + taskId + " of run " + runId, state.wireName(), next.wireName());
        }
        return new TaskRun(
                runId, taskId, taskType, next, tryNumber, maxTries, startDate, endDate, nextTryAt, outputs, error,
                hostname);
    }

    /** Skipped for a reason that its error field keeps (e.g. "cancelled by ui"). */
    public TaskRun skipped(String reason) {
        TaskRun moved = moveTo(TaskState.SKIPPED);
        return new TaskRun(
                runId,
                taskId,
                taskType,
                moved.state,
                tryNumber,
                maxTries,
                startDate,
                endDate,
                nextTryAt,
                outputs,
                reason,
                hostname);
    }

    public TaskRun scheduled(int nextTry) {
        moveTo(TaskState.SCHEDULED);
        return new TaskRun(
                runId,
                taskId,
                taskType,
                TaskState.SCHEDULED,
                nextTry,
                maxTries,
                null,
                null,
                null,
                Map.of(),
                null,
                null);
    }

    public TaskRun started(Instant at, String host) {
        TaskRun moved = moveTo(TaskState.RUNNING);
        return new TaskRun(
                runId, taskId, taskType, moved.state, tryNumber, maxTries, at, null, null, Map.of(), null, host);
    }

    public TaskRun finished(TaskState outcome, Instant at, Map<String, Object> newOutputs, String newError) {
        TaskRun moved = moveTo(outcome);
        return new TaskRun(
                runId,
                taskId,
                taskType,
                moved.state,
                tryNumber,
                maxTries,
                startDate,
                at,
                null,
                newOutputs,
                newError,
                hostname);
    }

    public TaskRun retryAt(Instant at, Instant nextTry, String newError) {
        TaskRun moved = moveTo(TaskState.UP_FOR_RETRY);
        return new TaskRun(
                runId,
                taskId,
                taskType,
                moved.state,
                tryNumber + 1,
                maxTries,
                startDate,
                at,
                nextTry,
                Map.of(),
                newError,
                hostname);
    }

    /**
     * Back to "no status" so it runs again (clear). The try number keeps counting and the task gets its retries
     * again: {@code retries} more tries after the next one.
     */
    public TaskRun cleared(int retries) {
        TaskRun moved = moveTo(TaskState.NONE);
        return new TaskRun(
                runId,
                taskId,
                taskType,
                moved.state,
                tryNumber,
                tryNumber + retries + 1,
                null,
                null,
                null,
                Map.of(),
                null,
                null);
    }

    /** Set by hand to success or failed (Airflow's "mark"). */
    public TaskRun marked(TaskState outcome, Instant at) {
        TaskRun moved = moveTo(outcome);
        return new TaskRun(
                runId,
                taskId,
                taskType,
                moved.state,
                tryNumber,
                maxTries,
                startDate,
                at,
                null,
                outputs,
                outcome == TaskState.FAILED ? "marked failed" : null,
                hostname);
    }

    public boolean hasTriesLeft() {
        return tryNumber < maxTries;
    }
}
