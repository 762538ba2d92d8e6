package dev.freshet.tasks;

import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.task.TaskContext;

import java.nio.file.Path;
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

    /**
     * A local copy of the artifact an upstream task recorded as {@code NAME_uri} (fetched from the artifact store when
     * another node wrote it); {@code NAME_path}, the writer's local file, when only that is given.
     */
    static Optional<Path> file(TaskContext context, String name) {
        Optional<Object> uri = find(context, name + "_uri");
        if (uri.isPresent()) {
            return Optional.of(context.artifactFile(uri.get().toString()));
        }
        return find(context, name + "_path").map(p -> Path.of(p.toString()));
    }

    static Path requireFile(TaskContext context, String name, String producedBy) {
        return file(context, name)
                .orElseThrow(() -> new FreshetException("task '" + context.taskId() + "' needs '" + name
                        + "_uri' from an upstream " + producedBy + " task; none of "
                        + context.upstreamOutputs().keySet() + " has it"));
    }

    static String require(TaskContext context, String key, String producedBy) {
        return find(context, key)
                .map(Object::toString)
                .orElseThrow(() -> new FreshetException(
                        "task '" + context.taskId() + "' needs '" + key + "' from an upstream " + producedBy
                                + " task; none of " + context.upstreamOutputs().keySet() + " has it"));
    }
}
