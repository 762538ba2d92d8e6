package dev.freshet.engine.workflow;

import dev.freshet.engine.error.InvalidInputException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** When a task may start, judged from the final states of the tasks it needs (as in Airflow). */
public enum TriggerRule {
    ALL_SUCCESS,
    ALL_FAILED,
    ALL_DONE,
    ONE_SUCCESS,
    ONE_FAILED,
    NONE_FAILED,
    NONE_SKIPPED,
    ALWAYS;

    /** The name written in YAML, e.g. {@code all_success}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TriggerRule fromYaml(String name) {
        List<String> names = Arrays.stream(values()).map(TriggerRule::yamlName).toList();
        if (name != null && names.contains(name)) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
        throw new InvalidInputException(
                "unknown trigger_rule '" + name + "'" + Spelling.hint(String.valueOf(name), names, "allowed"));
    }
}
