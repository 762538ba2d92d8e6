package dev.freshet.engine.task;

import dev.freshet.engine.events.EventKind;

import java.util.Map;

/**
 * A test task type that returns or raises more than a row keeps: {@code with: {outputs: N}} returns an output of N
 * characters, {@code with: {event: N}} raises a gate event whose payload holds N characters (and a small one).
 */
public final class OversizedTask implements TaskType {
    @Override
    public String type() {
        return "test.oversized";
    }

    @Override
    public TaskResult run(TaskContext context) {
        int event = (int) context.config().number("event", 0);
        if (event > 0) {
            context.raise(EventKind.GATE_FAILED, Map.of("message", "x".repeat(event)));
            context.raise(EventKind.DRIFT_WARNING, Map.of("message", "small"));
        }
        int outputs = (int) context.config().number("outputs", 0);
        return TaskResult.of(Map.of("names", "n".repeat(outputs)));
    }
}
