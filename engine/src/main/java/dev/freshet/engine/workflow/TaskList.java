package dev.freshet.engine.workflow;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * A workflow's tasks in file order, also found by id in constant time: a chain of 200 tasks looks its tasks up on
 * every hop. Immutable; equal to any list of the same tasks.
 */
final class TaskList extends AbstractList<TaskSpec> implements RandomAccess {
    private final List<TaskSpec> tasks;
    private final Map<String, TaskSpec> byId = new HashMap<>();

    private TaskList(List<TaskSpec> tasks) {
        this.tasks = List.copyOf(tasks);
        this.tasks.forEach(task -> byId.putIfAbsent(task.id(), task));
    }

    static TaskList of(List<TaskSpec> tasks) {
        return tasks instanceof TaskList list ? list : new TaskList(tasks == null ? List.of() : tasks);
    }

    /** The first task with this id (ids are unique in a valid workflow), or null. */
    TaskSpec byId(String taskId) {
        return byId.get(taskId);
    }

    @Override
    public TaskSpec get(int index) {
        return tasks.get(index);
    }

    @Override
    public int size() {
        return tasks.size();
    }
}
