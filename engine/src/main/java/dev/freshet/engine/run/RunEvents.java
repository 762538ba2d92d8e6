package dev.freshet.engine.run;

import dev.freshet.engine.events.Event;
import dev.freshet.engine.events.EventKind;
import dev.freshet.engine.events.EventSubject;
import dev.freshet.engine.task.TaskEvent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The events the run core writes with the changes they report. */
final class RunEvents {
    private RunEvents() {}

    /** A run ended failed: which tasks failed and why. */
    static Event failed(Run run, List<TaskRun> tasks, Instant now) {
        List<Map<String, Object>> failed = tasks.stream()
                .filter(t -> t.state() == TaskState.FAILED)
                .map(t -> {
                    Map<String, Object> task = new LinkedHashMap<>();
                    task.put("task_id", t.taskId());
                    task.put("error", t.error() == null ? "" : t.error());
                    return task;
                })
                .toList();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("logical_date", run.logicalDate().toString());
        payload.put("failed_tasks", failed);
        return Event.create(EventKind.RUN_FAILED, now, EventSubject.run(run.workflowId(), run.runId()), payload);
    }

    /** An event a task raised, about the task's run. */
    static Event raisedBy(Run run, String taskId, TaskEvent raised, Instant now) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("task_id", taskId);
        payload.putAll(raised.payload());
        return Event.create(raised.kind(), now, EventSubject.run(run.workflowId(), run.runId()), payload);
    }
}
