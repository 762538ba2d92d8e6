package dev.freshet.tasks;

import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.task.TaskContext;

import java.util.Map;
import java.util.Optional;

/** Finds a value that an upstream task left in its outputs (e.g. the dataset ingest snapshotted). */
final class Upstream {
    private Upstream() {}

    static Optional<Object> find(TaskContext context, String key) {
        for (Map<String, Object> outputs : context.upstreamOutputs().values()) {
            Object value = outputs.get(key);
            if (value != null) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    static String require(TaskContext context, String key, String producedBy) {
        return find(context, key)
                .map(Object::toString)
                .orElseThrow(() -> new FreshetException(
                        "task '" + context.taskId() + "' needs '" + key + "' from an upstream " + producedBy
                                + " task; none of " + context.upstreamOutputs().keySet() + " has it"));
    }
}
