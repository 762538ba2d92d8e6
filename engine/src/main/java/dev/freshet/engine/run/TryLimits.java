package dev.freshet.engine.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.freshet.engine.task.TaskEvent;
import dev.freshet.engine.task.TaskResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The sizes a try's outputs and the payloads of the events it raised may have, as their rows store them ({@link
 * StoredJson}). Checked before the outcome is recorded: a row the store refused would leave the try recorded nowhere
 * and its run running for ever.
 */
final class TryLimits {
    private static final int MAX_JSON_CHARS = StoredJson.MAX_CHARS;

    private TryLimits() {}

    /** Why the outputs cannot be kept, or empty when they can. */
    static Optional<String> outputsProblem(TaskResult result) {
        int length = jsonLength(result.outputs());
        if (length <= MAX_JSON_CHARS) {
            return Optional.empty();
        }
        return Optional.of("the task's outputs take " + length + " characters as JSON, more than the " + MAX_JSON_CHARS
                + " a task's outputs may take; write large values to a file and return its path");
    }

    /**
     * The events of task {@code taskId} whose payloads can be kept as stored (with the task's id, as {@link
     * RunEvents#raisedBy} adds it); each left out is said to {@code dropped}.
     */
    static List<TaskEvent> keepable(String taskId, List<TaskEvent> events, Consumer<String> dropped) {
        List<TaskEvent> kept = new ArrayList<>(events.size());
        for (TaskEvent event : events) {
            Map<String, Object> stored = new LinkedHashMap<>();
            stored.put("task_id", taskId);
            stored.putAll(event.payload());
            int length = jsonLength(stored);
            if (length <= MAX_JSON_CHARS) {
                kept.add(event);
            } else {
                dropped.accept("event " + event.kind().wireName() + " not kept: its payload takes " + length
                        + " characters as JSON, more than the " + MAX_JSON_CHARS + " an event may take");
            }
        }
        return kept;
    }

    private static int jsonLength(Map<String, ?> value) {
        try {
            return StoredJson.length(value);
        } catch (JsonProcessingException e) {
            return 0; // the store says what it cannot write, as before
        }
    }
}
