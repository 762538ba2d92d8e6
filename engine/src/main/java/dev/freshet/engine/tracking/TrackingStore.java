package dev.freshet.engine.tracking;

import dev.freshet.engine.events.Event;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Persistence of experiments, run params, metrics, artifacts and the model registry (implemented in engine.store). */
public interface TrackingStore {

    Experiment createExperiment(String name, Instant now);

    Optional<Experiment> experiment(long id);

    Optional<Experiment> experimentByName(String name);

    List<Experiment> experiments();

    void putParam(String runId, String key, String value);

    Map<String, String> params(String runId);

    /** Appends a metric point at the next step for that key (0 for the first). */
    void appendMetric(String runId, String taskId, String key, double value, Instant at);

    /** The latest value of every metric of a run. */
    Map<String, Double> latestMetrics(String runId);

    /** The latest value of every metric of each run, in one query; every given run is a key (empty: no metrics). */
    Map<String, Map<String, Double>> latestMetrics(Collection<String> runIds);

    /** The params of each of the runs, in one query; a run without params maps to an empty map. */
    Map<String, Map<String, String>> params(Collection<String> runIds);

    List<MetricPoint> metricHistory(String runId, String key);

    void putArtifact(Artifact artifact);

    Optional<Artifact> artifact(String runId, String path);

    List<Artifact> artifacts(String runId);

    // --- model registry ---

    /** Registers the next version of {@code name} (creating the model on first use) in one transaction. */
    ModelVersion registerVersion(
            String name,
            String runId,
            String sourceUri,
            Map<String, Double> metrics,
            Map<String, Object> lineage,
            Instant now);

    Optional<ModelVersion> version(String name, int version);

    List<ModelVersion> versions(String name);

    List<String> modelNames();

    OptionalInt aliasVersion(String name, String alias);

    /** Every alias of the model and the version it points at. */
    Map<String, Integer> aliases(String name);

    /** Every registered model, by name in order, and the version {@code alias} points at (empty: unset). */
    Map<String, OptionalInt> aliasTargets(String alias);

    /**
     * Compare-and-set: points {@code alias} at {@code toVersion} only if it still points at {@code expected}
     * (empty: the alias must not exist yet), and appends to the promotion log and {@code event} to the outbox in the
     * same transaction.
     */
    boolean moveAlias(
            String name,
            String alias,
            OptionalInt expected,
            int toVersion,
            String runId,
            String reason,
            Instant now,
            Event event);

    List<PromotionLogEntry> promotionLog(String name);
}
