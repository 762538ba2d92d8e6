package dev.freshet.web.ui;

import dev.freshet.engine.run.TaskRun;
import dev.freshet.engine.run.TaskState;
import dev.freshet.engine.run.TaskTry;

import java.time.Instant;
import java.util.List;

/** A task of a run on the run page, with its tries and links to their logs. */
public record TaskRow(
        String taskId,
        String type,
        String state,
        int tryNumber,
        int maxTries,
        String startDate,
        String endDate,
        String duration,
        String error,
        List<TryRow> tries,
        String withoutTries) {

    public record TryRow(
            int number,
            String state,
            String startDate,
            String endDate,
            String duration,
            String error,
            String logHref) {}

    static String logHref(String runId, String taskId, int tryNumber) {
        return "/runs/" + Formats.segment(runId) + "/tasks/" + Formats.segment(taskId) + "/logs/" + tryNumber;
    }

    static TaskRow of(TaskRun task, List<TaskTry> tries, Instant now) {
        List<TryRow> tryRows = tries.stream()
                .map(t -> new TryRow(
                        t.tryNumber(),
                        t.state().wireName(),
                        Formats.dateTime(t.startDate()),
                        Formats.dateTime(t.endDate()),
                        Formats.duration(t.startDate(), t.endDate(), now),
                        t.error(),
                        logHref(task.runId(), task.taskId(), t.tryNumber())))
                .toList();
        return new TaskRow(
                task.taskId(),
                task.taskType(),
                task.state().wireName(),
                task.tryNumber(),
                task.maxTries(),
                Formats.dateTime(task.startDate()),
                Formats.dateTime(task.endDate()),
                Formats.duration(task.startDate(), task.endDate(), now),
                task.error(),
                tryRows,
                withoutTries(task.state()));
    }

    /** What the tries column says of a task that has none: it may still run, or it never will. */
    private static String withoutTries(TaskState state) {
        return switch (state) {
            case SKIPPED -> "skipped";
            case UPSTREAM_FAILED -> "not run: upstream failed";
            case SUCCESS, FAILED -> "marked " + state.wireName();
            default -> "not run yet";
        };
    }
}
