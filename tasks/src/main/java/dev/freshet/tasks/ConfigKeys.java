package dev.freshet.tasks;

import dev.freshet.engine.task.TaskConfig;

import java.util.Set;
import java.util.TreeSet;

/** Rejects settings a task does not know, so that a misspelt limit fails loudly instead of being ignored. */
final class ConfigKeys {
    private ConfigKeys() {}

    static void requireKnown(TaskConfig config, Set<String> known) {
        for (String key : config.asMap().keySet()) {
            if (!known.contains(key)) {
                throw config.error(key, "unknown setting; known: " + new TreeSet<>(known));
            }
        }
    }
}
