package dev.freshet.tasks;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.task.TaskConfig;
import dev.freshet.engine.task.TaskContext;
import dev.freshet.tasks.data.BatchFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code files: conf}: the batch files are exactly those the run was started for, its {@code conf.files} (a file
 * trigger's run names the files that landed), relative to the workflow file. A run without {@code conf.files} (its
 * schedule's, or one started by hand) reads {@code source} as before.
 */
final class TriggeredFiles {
    static final String KEY = "files";
    static final String FROM_CONF = "conf";

    private TriggeredFiles() {}

    /** The run's files when the task takes them; empty when it reads {@code source}. */
    static Optional<List<BatchFile>> of(TaskContext context, TaskConfig config) {
        Optional<String> mode = config.optString(KEY);
        if (mode.isEmpty()) {
            return Optional.empty();
        }
        if (!mode.get().equals(FROM_CONF)) {
            throw config.error(
                    KEY,
                    "'" + mode.get() + "' is not a choice; write 'conf' to take the run's conf.files, or leave it out");
        }
        Object listed = context.params().get(KEY);
        if (listed == null) {
            return Optional.empty();
        }
        if (!(listed instanceof List<?> paths)
                || paths.isEmpty()
                || !paths.stream().allMatch(String.class::isInstance)) {
            throw new InvalidInputException(
                    "task '" + context.taskId() + "': conf.files must be a non-empty list of paths, got " + listed);
        }
        List<BatchFile> batches = new ArrayList<>();
        Set<Path> taken = new HashSet<>();
        for (Object path : paths) {
            BatchFile batch = batch(context, (String) path);
            // a file taken twice would count its rows twice; a file trigger never lists one twice, a person may
            if (!taken.add(batch.path().toAbsolutePath().normalize())) {
                throw new InvalidInputException("conf.files: " + path + " names a file listed already ("
                        + batch.path().toAbsolutePath().normalize() + "); list each file once");
            }
            batches.add(batch);
        }
        context.log().info("taking the {} file(s) the run was started for (conf.files): {}", batches.size(), paths);
        return Optional.of(List.copyOf(batches));
    }

    private static BatchFile batch(TaskContext context, String path) {
        Path file = context.resolvePath(path);
        if (Files.isDirectory(file)) {
            throw new InvalidInputException("conf.files: " + path + " (" + file + ") is a folder, not a file");
        }
        try {
            return new BatchFile(file, Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            throw new InvalidInputException(
                    "conf.files: " + path + " (" + file + ") cannot be read; was it moved or deleted after it landed? "
                            + e.getMessage(),
                    e);
        }
    }
}
