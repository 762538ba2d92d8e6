package dev.freshet.engine.task;

import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.error.InvalidInputException;

import java.util.Collection;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The task types on the class path, found by {@link ServiceLoader}, by name. */
public final class TaskTypeRegistry {
    private final Map<String, TaskType> types;

    public TaskTypeRegistry(Collection<TaskType> taskTypes) {
        Map<String, TaskType> byName = new TreeMap<>();
        for (TaskType type : taskTypes) {
            TaskType clash = byName.put(type.type(), type);
            if (clash != null) {
                throw new FreshetException("task type '" + type.type() + "' is provided twice: by "
                        + clash.getClass().getName() + " and " + type.getClass().getName());
            }
        }
        this.types = Map.copyOf(byName);
    }

    public static TaskTypeRegistry loadFromClassPath() {
        return new TaskTypeRegistry(ServiceLoader.load(TaskType.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList());
    }

    public TaskType get(String name) {
        TaskType type = types.get(name);
        if (type == null) {
            throw new InvalidInputException("unknown task type '" + name + "'; known: " + String.join(", ", names()));
        }
        return type;
    }

    public boolean contains(String name) {
        return types.containsKey(name);
    }

    public Set<String> names() {
        return new TreeSet<>(types.keySet());
    }
}
