package dev.freshet.tasks;

import dev.freshet.engine.events.EventKind;
import dev.freshet.engine.monitoring.Monitoring;
import dev.freshet.engine.task.ArtifactRef;
import dev.freshet.engine.task.TaskConfig;
import dev.freshet.engine.task.TaskContext;
import dev.freshet.engine.task.TaskLog;
import dev.freshet.engine.tracking.ModelRegistry;
import dev.freshet.engine.tracking.Sha256;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A task context for calling one task directly, with a real registry and hand-picked upstream outputs: for the
 * moments a workflow run cannot be made to hit (another run promoting between this run's evaluate and promote).
 */
record FakeTaskContext(
        String runId,
        String workflowId,
        String taskId,
        Map<String, Object> with,
        Map<String, Map<String, Object>> upstreamOutputs,
        ModelRegistry models,
        Path workflowDir,
        Path artifactDir,
        Instant logicalDate,
        List<String> logLines)
        implements TaskContext {
    /** The files fake contexts logged, by {@code runs:/} URI: upstream artifacts of the next fake task. */
    private static final Map<String, Path> LOGGED = new ConcurrentHashMap<>();

    /** A context with a real registry and the given upstream outputs; workflow and artifact folder are {@code dir}. */
    FakeTaskContext(
            String runId,
            String workflowId,
            String taskId,
            Map<String, Object> with,
            Map<String, Map<String, Object>> upstreamOutputs,
            ModelRegistry models,
            Path dir) {
        this(
                runId,
                workflowId,
                taskId,
                with,
                upstreamOutputs,
                models,
                dir,
                dir,
                Instant.parse("2024-03-10T06:00:00Z"),
                new ArrayList<>());
    }

    /** A context for a task that needs no registry and no upstream tasks. */
    static FakeTaskContext standalone(
            String taskId, Map<String, Object> with, Path workflowDir, Path artifactDir, Instant logicalDate) {
        return new FakeTaskContext(
                "run-1", "wf", taskId, with, Map.of(), null, workflowDir, artifactDir, logicalDate, new ArrayList<>());
    }

    @Override
    public int tryNumber() {
        return 1;
    }

    @Override
    public String workflowHash() {
        return "0".repeat(64);
    }

    @Override
    public TaskConfig config() {
        return new TaskConfig(taskId, with);
    }

    @Override
    public Map<String, Object> params() {
        return Map.of();
    }

    @Override
    public TaskLog log() {
        return new TaskLog() {
            @Override
            public void info(String message, Object... args) {
                logLines.add("INFO " + format(message, args));
            }

            @Override
            public void warn(String message, Object... args) {
                logLines.add("WARN " + format(message, args));
            }

            @Override
            public void error(String message, Object... args) {
                logLines.add("ERROR " + format(message, args));
            }
        };
    }

    private static String format(String message, Object... args) {
        return org.slf4j.helpers.MessageFormatter.arrayFormat(message, args).getMessage();
    }

    @Override
    public ArtifactRef logArtifact(String name, Path file) {
        return logArtifact(name, file, null);
    }

    /** Records the digest the task gives as it is, as the engine does: a test then checks the writer's digest. */
    @Override
    public ArtifactRef logArtifact(String name, Path file, String writtenSha256) {
        String uri = "runs:/" + runId + "/" + name;
        LOGGED.put(uri, file);
        String sha256 = writtenSha256 != null ? writtenSha256 : Sha256.of(file);
        return new ArtifactRef(name, uri, file, sha256, file.toFile().length());
    }

    /** What a fake context logged (in this JVM), else the registry's artifact store. */
    @Override
    public Path artifactFile(String uri) {
        Path logged = LOGGED.get(uri);
        return logged != null ? logged : TaskContext.super.artifactFile(uri);
    }

    @Override
    public void logParam(String key, String value) {}

    @Override
    public void logMetric(String key, double value) {}

    @Override
    public Monitoring monitoring() {
        throw new IllegalStateException("this context keeps no prediction log");
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public void raise(EventKind kind, Map<String, Object> payload) {
        logLines.add("EVENT " + kind.wireName() + " " + payload);
    }

    @Override
    public boolean isCancelled() {
        return false;
    }
}
