package dev.freshet.engine.task;

import java.nio.file.Path;
import java.util.Map;

/** A test task type whose output is not a JSON value: stored, the path becomes its URI string. */
public final class PathOutputTask implements TaskType {
    @Override
    public String type() {
        return "test.path-output";
    }

    @Override
    public TaskResult run(TaskContext context) {
        return TaskResult.of(Map.of("model_path", Path.of("/models/model.bin")));
    }
}
