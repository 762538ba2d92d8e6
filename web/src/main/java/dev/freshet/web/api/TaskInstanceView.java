package dev.freshet.web.api;

import dev.freshet.engine.run.TaskRun;
import dev.freshet.engine.run.TaskState;

import java.time.Duration;
import java.time.Instant;

/** A task of a run as Airflow's stable API shows a task instance; state is null for "no status yet". */
public record TaskInstanceView(String taskId, String dagId, String dagRunId, String state, int tryNumber,
                               int maxTries, Instant startDate, Instant endDate, Double duration, String operator,
                               String hostname) {

    public static TaskInstanceView of(String dagId, TaskRun task) {
        return new TaskInstanceView(task.taskId(), dagId, task.runId(),
                task.state() == TaskState.NONE ? null : task.state().wireName(), task.tryNumber(), task.maxTries(),
                task.startDate(), task.endDate(), seconds(task.startDate(), task.endDate()), task.taskType(),
                task.hostname());
    }

    static Double seconds(Instant start, Instant end) {
        return start == null || end == null ? null : Duration.between(start, end).toNanos() / 1e9;
    }
}
