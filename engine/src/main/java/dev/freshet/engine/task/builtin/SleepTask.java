package dev.freshet.engine.task.builtin;

import dev.freshet.engine.task.TaskContext;
import dev.freshet.engine.task.TaskResult;
import dev.freshet.engine.task.TaskType;

import java.util.Map;

/** {@code sleep {seconds}}: waits, and stops early when the try is cancelled or times out. */
public final class SleepTask implements TaskType {
    @Override
    public String type() {
        return "sleep";
    }

    @Override
    public TaskResult run(TaskContext context) throws InterruptedException {
        double seconds = context.config().number("seconds");
        if (seconds < 0) {
            throw context.config().error("seconds", "must be >= 0, was " + seconds);
        }
        Thread.sleep((long) (seconds * 1000));
        return TaskResult.of(Map.of("slept_seconds", seconds));
    }
}
