package dev.freshet.engine.trigger;

import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunListener;
import dev.freshet.engine.run.RunService;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.RunType;
import dev.freshet.engine.run.TaskRun;
import dev.freshet.engine.run.TaskRunner;
import dev.freshet.engine.run.TaskState;
import dev.freshet.engine.run.TryKey;
import dev.freshet.engine.run.WorkflowSource;
import dev.freshet.engine.workflow.FileTrigger;
import dev.freshet.engine.workflow.OnReject;
import dev.freshet.engine.workflow.Workflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code on_reject: quarantine}: when a file-triggered run fails at its gate (a {@code validate.*} task failed), its
 * files move into a {@code quarantine/} folder beside them, content unchanged, under a free name. Each move is
 * logged, in the process log and in the log of the validate task's last try. Files that are gone are left be.
 */
public final class QuarantineOnReject implements RunListener {
    static final String GATE_TYPE_PREFIX = "validate.";
    private static final Logger LOG = LoggerFactory.getLogger(QuarantineOnReject.class);

    private final WorkflowSource workflows;
    private final RunService runs;
    private final TaskRunner runner;

    public QuarantineOnReject(WorkflowSource workflows, RunService runs, TaskRunner runner) {
        this.workflows = workflows;
        this.runs = runs;
        this.runner = runner;
    }

    @Override
    public void runFinished(Run run) {
        if (run.state() != RunState.FAILED || run.runType() != RunType.DATASET_TRIGGERED) {
            return;
        }
        Optional<Workflow> workflow = workflows.workflow(run.workflowId());
        Optional<FileTrigger> trigger = workflow.flatMap(w -> w.trigger().fileTrigger());
        if (trigger.isEmpty()
                || trigger.get().onReject() != OnReject.QUARANTINE
                || workflow.get().source() == null) {
            return;
        }
        Optional<TaskRun> gate = runs.taskRuns(run.runId()).stream()
                .filter(task ->
                        task.state() == TaskState.FAILED && task.taskType().startsWith(GATE_TYPE_PREFIX))
                .findFirst();
        if (gate.isEmpty()) {
            return;
        }
        Path dir = workflow.get().source().toAbsolutePath().getParent();
        TryKey log = new TryKey(run.runId(), gate.get().taskId(), gate.get().tryNumber());
        for (String path : files(run)) {
            quarantine(run, dir, path, log);
        }
    }

    private void quarantine(Run run, Path dir, String path, TryKey log) {
        Path file = dir.resolve(path).normalize();
        if (!Files.isRegularFile(file)) {
            note(log, "on_reject: quarantine: {} is no longer there; nothing to move", path);
            return;
        }
        try {
            Path moved = moveAside(file);
            note(log, "on_reject: quarantine: the batch was rejected; moved {} to {}", path, dir.relativize(moved));
        } catch (IOException e) {
            LOG.error("run {}: cannot quarantine {}: {}", run.runId(), file, e.getMessage(), e);
            note(log, "on_reject: quarantine: cannot move {}: {}", path, e.getMessage());
        }
    }

    /** Moves the file into quarantine/ beside it; a name taken there gets -1, -2, … before its extension. */
    static Path moveAside(Path file) throws IOException {
        Path folder = Files.createDirectories(file.resolveSibling(LandingGlob.QUARANTINE));
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        for (int n = 0; ; n++) {
            Path target = folder.resolve(n == 0 ? name : stem + "-" + n + extension);
            try {
                return Files.move(file, target);
            } catch (FileAlreadyExistsException taken) {
                // try the next name
            }
        }
    }

    private void note(TryKey log, String message, Object... args) {
        LOG.warn("run " + log.runId() + ": " + message, args);
        runner.appendToLog(log, message, args);
    }

    private static List<String> files(Run run) {
        Object files = run.conf().get("files");
        if (!(files instanceof List<?> list)) {
            return List.of();
        }
        return list.stream()
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .toList();
    }
}
