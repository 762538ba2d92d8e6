package dev.freshet.engine.task.builtin;

import dev.freshet.engine.task.TaskContext;
import dev.freshet.engine.task.TaskResult;
import dev.freshet.engine.task.TaskType;

/** Does nothing and succeeds: a join point, a placeholder, or a probe of the engine's own overhead. */
public final class NoopTask implements TaskType {
    @Override
    public String type() {
        return "noop";
    }

    @Override
    public TaskResult run(TaskContext context) {
        return TaskResult.empty();
    }
}
