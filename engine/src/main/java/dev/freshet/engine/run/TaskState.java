package dev.freshet.engine.run;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static java.util.Map.entry;

/**
 * A task's state in a run, with Airflow's names. {@code NONE} is "no status yet": waiting for its upstream.
 * {@link #canMoveTo} is the one place that says which changes are allowed.
 */
public enum TaskState {
    NONE,
    SCHEDULED,
    RUNNING,
    SUCCESS,
    FAILED,
    UP_FOR_RETRY,
    UPSTREAM_FAILED,
    SKIPPED;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    private static final Map<String, TaskState> BY_WIRE_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(TaskState::wireName, Function.identity()));

    private static final Map<TaskState, Set<TaskState>> ALLOWED = Map.ofEntries(
            entry(NONE, EnumSet.of(SCHEDULED, UPSTREAM_FAILED, SKIPPED, SUCCESS, FAILED)),
            entry(SCHEDULED, EnumSet.of(RUNNING, NONE, SKIPPED, SUCCESS, FAILED)),
            entry(RUNNING, EnumSet.of(SUCCESS, FAILED, UP_FOR_RETRY, NONE)),
            entry(UP_FOR_RETRY, EnumSet.of(RUNNING, NONE, SKIPPED, SUCCESS, FAILED)),
            entry(SUCCESS, EnumSet.of(NONE, FAILED)),
            entry(FAILED, EnumSet.of(NONE, SUCCESS)),
            entry(UPSTREAM_FAILED, EnumSet.of(NONE, SUCCESS, FAILED)),
            entry(SKIPPED, EnumSet.of(NONE, SUCCESS, FAILED)));

    public boolean canMoveTo(TaskState next) {
        return ALLOWED.get(this).contains(next);
    }

    public boolean isTerminal() {
        return this == SUCCESS || this == FAILED || this == UPSTREAM_FAILED || this == SKIPPED;
    }

    /** Counts as failed for trigger rules and for the run's outcome. */
    public boolean isFailure() {
        return this == FAILED || this == UPSTREAM_FAILED;
    }

    public String wireName() {
        return wireName;
    }

    /** Its wire name in any case, with blanks around it; what the store reads, with one look-up per row. */
    public static TaskState fromWire(String name) {
        TaskState exact = BY_WIRE_NAME.get(name);
        return exact != null ? exact : valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
