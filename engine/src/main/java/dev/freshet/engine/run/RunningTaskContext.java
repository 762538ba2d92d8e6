package dev.freshet.engine.run;

import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.events.EventKind;
import dev.freshet.engine.monitoring.Monitoring;
import dev.freshet.engine.task.ArtifactRef;
import dev.freshet.engine.task.TaskConfig;
import dev.freshet.engine.task.TaskContext;
import dev.freshet.engine.task.TaskEvent;
import dev.freshet.engine.task.TaskLog;
import dev.freshet.engine.tracking.Artifact;
import dev.freshet.engine.tracking.ModelRegistry;
import dev.freshet.engine.tracking.Tracking;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** The {@link TaskContext} of one try that is running in this process. */
final class RunningTaskContext implements TaskContext {
    private final TryKey key;
    private final Run run;
    private final TaskConfig config;
    private final Map<String, Map<String, Object>> upstreamOutputs;
    private final Path workflowDir;
    private final TaskLog log;
    private final Tracking tracking;
    private final ModelRegistry models;
    private final Monitoring monitoring;
    private final Clock clock;
    private final TryProcesses processes;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<TaskEvent> raised = new CopyOnWriteArrayList<>();

    RunningTaskContext(
            TryKey key,
            Run run,
            TaskConfig config,
            Map<String, Map<String, Object>> upstreamOutputs,
            Path workflowDir,
            TaskLog log,
            Tracking tracking,
            ModelRegistry models,
            Monitoring monitoring,
            Clock clock,
            TryProcesses processes) {
        this.key = key;
        this.run = run;
        this.config = config;
        this.upstreamOutputs = Collections.unmodifiableMap(new LinkedHashMap<>(upstreamOutputs));
        this.workflowDir = workflowDir;
        this.log = log;
        this.tracking = tracking;
        this.models = models;
        this.monitoring = monitoring;
        this.clock = clock;
        this.processes = processes;
    }

    @Override
    public String runId() {
        return key.runId();
    }

    @Override
    public String workflowId() {
        return run.workflowId();
    }

    @Override
    public String taskId() {
        return key.taskId();
    }

    @Override
    public int tryNumber() {
        return key.tryNumber();
    }

    @Override
    public Instant logicalDate() {
        return run.logicalDate();
    }

    @Override
    public String workflowHash() {
        return run.workflowHash();
    }

    @Override
    public TaskConfig config() {
        return config;
    }

    @Override
    public Map<String, Object> params() {
        return run.params();
    }

    @Override
    public Map<String, Map<String, Object>> upstreamOutputs() {
        return upstreamOutputs;
    }

    @Override
    public Path workflowDir() {
        return workflowDir;
    }

    @Override
    public Path artifactDir() {
        Path dir = tracking.artifactDir(key.runId(), key.taskId());
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new FreshetException("cannot create artifact folder " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public TaskLog log() {
        return log;
    }

    @Override
    public ArtifactRef logArtifact(String name, Path file) {
        return logArtifact(name, file, null);
    }

    @Override
    public ArtifactRef logArtifact(String name, Path file, String writtenSha256) {
        Artifact artifact = tracking.logArtifact(key.runId(), key.taskId(), name, file, writtenSha256);
        return new ArtifactRef(
                artifact.path(),
                artifact.uri(),
                file.toAbsolutePath().normalize(),
                artifact.sha256(),
                artifact.sizeBytes());
    }

    @Override
    public void logParam(String key, String value) {
        tracking.logParam(this.key.runId(), key, value);
    }

    @Override
    public void logMetric(String key, double value) {
        tracking.logMetric(this.key.runId(), this.key.taskId(), key, value);
    }

    @Override
    public Monitoring monitoring() {
        if (monitoring == null) {
            throw new IllegalStateException("this engine keeps no prediction log");
        }
        return monitoring;
    }

    @Override
    public ModelRegistry models() {
        return models;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public void watchProcess(Process process) {
        processes.record(key, process);
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get() || Thread.currentThread().isInterrupted();
    }

    void cancel() {
        cancelled.set(true);
    }

    @Override
    public void raise(EventKind kind, Map<String, Object> payload) {
        raised.add(new TaskEvent(kind, payload));
    }

    /** The events the try raised so far. */
    List<TaskEvent> raised() {
        return List.copyOf(raised);
    }
}
