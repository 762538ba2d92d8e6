package dev.freshet.web.api;

import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.TaskRun;
import dev.freshet.engine.run.TaskState;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A task of a run as Airflow's stable API shows a task instance. {@code state} is null for "no status yet";
 * {@code hostname} is "" until a try starts (the spec does not let it be null). Freshet has no mapped tasks, pools or
 * queues: {@code map_index} is -1, {@code pool} {@code default_pool}, {@code queue} {@code default}; the
 * {@code operator} is the task's type.
 */
public record TaskInstanceView(
        String taskId,
        String taskDisplayName,
        String dagId,
        String dagRunId,
        Instant executionDate,
        String state,
        int tryNumber,
        int maxTries,
        int mapIndex,
        Instant startDate,
        Instant endDate,
        Double duration,
        String operator,
        String hostname,
        String pool,
        int poolSlots,
        String queue,
        Integer priorityWeight,
        Instant queuedWhen,
        Integer pid,
        String executorConfig,
        Map<String, Object> renderedFields,
        String note) {
    static final int NOT_MAPPED = -1;
    static final String POOL = "default_pool";
    static final String QUEUE = "default";

    public static TaskInstanceView of(Run run, TaskRun task) {
        return new TaskInstanceView(
                task.taskId(),
                task.taskId(),
                run.workflowId(),
                task.runId(),
                run.logicalDate(),
                task.state() == TaskState.NONE ? null : task.state().wireName(),
                task.tryNumber(),
                task.maxTries(),
                NOT_MAPPED,
                task.startDate(),
                task.endDate(),
                seconds(task.startDate(), task.endDate()),
                task.taskType(),
                task.hostname() == null ? "" : task.hostname(),
                POOL,
                1,
                QUEUE,
                1,
                null,
                null,
                "{}",
                Map.of(),
                null);
    }

    static Double seconds(Instant start, Instant end) {
        return start == null || end == null
                ? null
                : Duration.between(start, end).toNanos() / 1e9;
    }
}
