package dev.freshet.engine.tracking;

import dev.freshet.engine.error.ConflictException;
import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.error.NotFoundException;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Experiments and what runs log into them: params, metric history, artifacts. MLflow's tracking, in-process. */
public final class Tracking {
    private final TrackingStore store;
    private final ArtifactStore artifacts;
    private final Clock clock;

    public Tracking(TrackingStore store, ArtifactStore artifacts, Clock clock) {
        this.store = store;
        this.artifacts = artifacts;
        this.clock = clock;
    }

    public Experiment createExperiment(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("experiment name: must not be blank");
        }
        if (store.experimentByName(name).isPresent()) {
            throw new ConflictException("experiment '" + name + "' already exists");
        }
        return store.createExperiment(name, clock.instant());
    }

    /** The experiment of that name, created on first use (each workflow has one by default). */
    public Experiment experimentNamed(String name) {
        return store.experimentByName(name).orElseGet(() -> {
            try {
                return store.createExperiment(name, clock.instant());
            } catch (RuntimeException raced) {
                return store.experimentByName(name).orElseThrow(() -> raced);
            }
        });
    }

    public Experiment experiment(long id) {
        return store.experiment(id).orElseThrow(() -> new NotFoundException("experiment " + id + " does not exist"));
    }

    public List<Experiment> experiments() {
        return store.experiments();
    }

    public void logParam(String runId, String key, String value) {
        store.putParam(runId, key, value);
    }

    public Map<String, String> params(String runId) {
        return store.params(runId);
    }

    /** The params of many runs at once: run id to param to value. */
    public Map<String, Map<String, String>> params(Collection<String> runIds) {
        return runIds.isEmpty() ? Map.of() : store.params(runIds);
    }

    public void logMetric(String runId, String taskId, String key, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidInputException("metric '" + key + "': value must be finite, was " + value);
        }
        store.appendMetric(runId, taskId, key, value, clock.instant());
    }

    public Map<String, Double> metrics(String runId) {
        return store.latestMetrics(runId);
    }

    /** The latest metrics of many runs (a page of them) at once: run id to metric to value. */
    public Map<String, Map<String, Double>> metrics(Collection<String> runIds) {
        return runIds.isEmpty() ? Map.of() : store.latestMetrics(runIds);
    }

    public List<MetricPoint> metricHistory(String runId, String key) {
        return store.metricHistory(runId, key);
    }

    /** The local folder a task writes its artifacts into: {@code <artifact folder>/<run>/<task>/}. */
    public Path artifactDir(String runId, String taskId) {
        return artifacts.stagingRoot().resolve(runId).resolve(taskId);
    }

    /** Stores a file a task wrote under its artifact folder in the artifact store and records it. */
    public Artifact logArtifact(String runId, String taskId, String name, Path file) {
        return logArtifact(runId, taskId, name, file, null);
    }

    /**
     * As {@link #logArtifact(String, String, String, Path)}, with the file's sha256 as its writer computed it over the
     * bytes it wrote ({@code null}: read the file for it). A snapshot of a few hundred MB is then not read again.
     */
    public Artifact logArtifact(String runId, String taskId, String name, Path file, String writtenSha256) {
        Path staging = artifacts.stagingRoot().toAbsolutePath().normalize();
        Path absolute = file.toAbsolutePath().normalize();
        if (!absolute.startsWith(staging)) {
            throw new InvalidInputException("artifact '" + name + "': " + file + " is outside the artifact folder");
        }
        String sha256;
        if (writtenSha256 == null) {
            sha256 = Sha256.of(absolute);
        } else if (!Sha256.isDigest(writtenSha256)) {
            throw new IllegalArgumentException(
                    "artifact '" + name + "': '" + writtenSha256 + "' is not a sha256 in lower-case hex");
        } else if (!Files.isRegularFile(absolute)) {
            throw new FreshetException("artifact '" + name + "': " + file + " does not exist");
        } else {
            sha256 = writtenSha256;
        }
        String key = staging.relativize(absolute).toString().replace(File.separatorChar, '/');
        Artifact artifact = new Artifact(
                runId,
                name,
                taskId,
                artifacts.put(key, absolute, sha256),
                sha256,
                absolute.toFile().length(),
                clock.instant());
        store.putArtifact(artifact);
        return artifact;
    }

    /** A local file with the artifact's content, wherever it was written (downloaded and cached when remote). */
    public Path localFile(Artifact artifact) {
        return artifacts.localCopy(artifact.location(), artifact.sha256());
    }

    public List<Artifact> artifacts(String runId) {
        return store.artifacts(runId);
    }

    public Artifact artifact(String runId, String path) {
        return store.artifact(runId, path)
                .orElseThrow(() -> new NotFoundException("run " + runId + " has no artifact '" + path + "'"));
    }
}
