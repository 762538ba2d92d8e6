package dev.freshet.engine.task;

import dev.freshet.engine.events.EventKind;
import dev.freshet.engine.monitoring.Monitoring;
import dev.freshet.engine.tracking.ModelRegistry;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** Everything one try of one task may see and do. */
public interface TaskContext {

    String runId();

    String workflowId();

    String taskId();

    int tryNumber();

    Instant logicalDate();

    /** sha256 of the workflow file the run was triggered from (null for a workflow parsed from text). */
    String workflowHash();

    /** The task's {@code with:} block with every template already rendered. */
    TaskConfig config();

    /** The run's params: workflow defaults overridden by the trigger's conf. */
    Map<String, Object> params();

    /** Outputs of the upstream tasks, direct ones first, then theirs (breadth first), by task id. */
    Map<String, Map<String, Object>> upstreamOutputs();

    /** The folder of the workflow file; relative paths in a task's config resolve against it. */
    Path workflowDir();

    /**
     * This task's local artifact folder, {@code <artifact folder>/<run>/<task>/}, created on first use; files logged
     * from it go to the artifact store ({@code FRESHET_ARTIFACT_ROOT}).
     */
    Path artifactDir();

    /** Resolves a path from the task's config against {@link #workflowDir()}. */
    default Path resolvePath(String path) {
        return workflowDir().resolve(path).normalize();
    }

    TaskLog log();

    /** Records a file under {@link #artifactDir()} as a run artifact named {@code name}; returns its URI. */
    ArtifactRef logArtifact(String name, Path file);

    /**
     * As {@link #logArtifact(String, Path)} for a file whose sha256 the task computed over the bytes as it wrote them,
     * so that the file is not read again to record it.
     */
    default ArtifactRef logArtifact(String name, Path file, String writtenSha256) {
        return logArtifact(name, file);
    }

    /**
     * A local file with the artifact a {@code runs:/RUN/PATH} or {@code models:/…} URI names (an upstream task's
     * output), fetched from the artifact store when this node does not have it, e.g. when another node wrote it.
     */
    default Path artifactFile(String uri) {
        return models().resolveFile(uri);
    }

    void logParam(String key, String value);

    void logMetric(String key, double value);

    /** The model registry and the run history, for tasks that compare with or promote a champion. */
    ModelRegistry models();

    /** The prediction log and its labels, for tasks that turn served traffic into training data. */
    Monitoring monitoring();

    Clock clock();

    /**
     * Tells the engine of a process this try started as the leader of a session of its own (setsid): should this JVM
     * die while the try runs, the engine kills that session on this host before the try is retried.
     */
    default void watchProcess(Process process) {}

    /**
     * Raises an event about this try's run (a gate that said no, a drift warning). The engine writes it to the
     * outbox in the same transaction as the try's outcome, whether the try then succeeds or fails; a try whose
     * outcome no longer counts (cancelled meanwhile) raises nothing.
     */
    void raise(EventKind kind, Map<String, Object> payload);

    /** True once the try has been cancelled or has timed out; long loops should stop. */
    boolean isCancelled();
}
