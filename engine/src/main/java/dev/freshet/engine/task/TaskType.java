package dev.freshet.engine.task;

import java.util.Map;
import java.util.Set;

/**
 * A kind of task a workflow can name in {@code type:}. Implementations are found with {@link java.util.ServiceLoader}:
 * list the class in {@code META-INF/services/dev.freshet.engine.task.TaskType}. One instance serves every run, so
 * implementations must be thread-safe; everything per-run comes from the {@link TaskContext}.
 */
public interface TaskType {

    /** The name workflows use, e.g. {@code shell} or {@code train.elasticnet}. */
    String type();

    /**
     * Runs one try. Return normally for success; throw for failure (a {@link dev.freshet.engine.error.FreshetException}
     * message is shown to people as it is). Long work should check {@link TaskContext#isCancelled()} or respond to
     * thread interruption, which is how timeouts and cancellation reach the task.
     *
     * <p>Whether a failure is retried depends on what is thrown: an
     * {@link dev.freshet.engine.error.InvalidInputException} says that another try of the same input cannot succeed (a
     * missing column, a value out of range, a bad template), so the task fails at once whatever its
     * {@code retries}; any other exception, and a timeout, is retried per the task's retry policy.
     */
    TaskResult run(TaskContext context) throws Exception;

    /**
     * The types of the settings this task reads as numbers, whole numbers or booleans, by setting name. A setting
     * filled by a param ({@code alpha: "{{ params.alpha }}"}) is checked against its type when a run is triggered,
     * before the run exists. Empty by default: nothing is checked early.
     */
    default Map<String, SettingType> settingTypes() {
        return Map.of();
    }

    /**
     * The {@code with:} fields that are shell command lines: every value a template puts into them is shell-quoted
     * (a param {@code x; id} becomes {@code 'x; id'}) unless it passes through {@code | raw}.
     */
    default Set<String> shellQuotedFields() {
        return Set.of();
    }

    /**
     * Work this type does once per process before its first task can start, such as loading a native library. The
     * engine may call it ahead, on a background thread, when it knows a run of this type is coming (see
     * {@link TaskPreparation}), so that the task does not wait for it. It must be safe to call at any time and more
     * than once, and a failure here only means the task does the work itself. Nothing by default.
     */
    default void prepare() {}
}
