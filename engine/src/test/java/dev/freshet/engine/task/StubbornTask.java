package dev.freshet.engine.task;

import java.util.Map;

/** A test task type that ignores interruption for a few seconds: a timeout must abandon it, not wait for it. */
public final class StubbornTask implements TaskType {
    @Override
    public String type() {
        return "test.stubborn";
    }

    @Override
    public TaskResult run(TaskContext context) {
        long until = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < until) {
            Thread.interrupted();
            Thread.onSpinWait();
        }
        return TaskResult.of(Map.of("finished", true));
    }
}
