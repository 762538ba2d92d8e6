package dev.freshet.engine.task;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls {@link TaskType#prepare()} of the types a coming run uses, on a background thread, at most once per type in
 * this process. A {@code freshet run} starts it before the engine opens its database, so that the second core loads
 * what the tasks need (the linear algebra's native libraries take about a third of a second) while the first one
 * migrates the database.
 */
public final class TaskPreparation {
    private static final Logger LOG = LoggerFactory.getLogger(TaskPreparation.class);
    private static final TaskPreparation PROCESS = new TaskPreparation();

    private final Set<String> started = ConcurrentHashMap.newKeySet();

    TaskPreparation() {}

    /** The one preparation of this process: a type's native libraries, once loaded, stay loaded. */
    public static TaskPreparation process() {
        return PROCESS;
    }

    /**
     * Prepares, in the background, the named types that have not been prepared yet; names the registry does not
     * know are left to the run to report. Returns the thread, or null when there was nothing to do.
     */
    public Thread start(TaskTypeRegistry registry, Collection<String> typeNames) {
        List<TaskType> todo = claim(registry, typeNames);
        if (todo.isEmpty()) {
            return null;
        }
        Thread thread = new Thread(() -> todo.forEach(TaskPreparation::prepare), "freshet-prepare");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Prepares the named types that have not been prepared yet, on this thread. */
    public void prepare(TaskTypeRegistry registry, Collection<String> typeNames) {
        claim(registry, typeNames).forEach(TaskPreparation::prepare);
    }

    private List<TaskType> claim(TaskTypeRegistry registry, Collection<String> typeNames) {
        return typeNames.stream()
                .distinct()
                .filter(registry::contains)
                .map(registry::get)
                .filter(type -> started.add(type.getClass().getName()))
                .toList();
    }

    private static void prepare(TaskType type) {
        try {
            type.prepare();
        } catch (RuntimeException | LinkageError e) {
            // Kept in the log with its cause: a native library that fails to load here fails the task later with
            // only "Could not initialize class", the first error being the JVM's alone.
            LOG.warn("preparing task type {} failed; its tasks will try again: {}", type.type(), e.toString(), e);
        }
    }
}
