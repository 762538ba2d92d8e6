package dev.freshet.engine.store;

import dev.freshet.engine.events.Event;
import dev.freshet.engine.store.generated.tables.records.ArtifactsRecord;
import dev.freshet.engine.store.generated.tables.records.ExperimentsRecord;
import dev.freshet.engine.store.generated.tables.records.ModelVersionsRecord;
import dev.freshet.engine.store.generated.tables.records.PromotionLogRecord;
import dev.freshet.engine.tracking.Artifact;
import dev.freshet.engine.tracking.Experiment;
import dev.freshet.engine.tracking.MetricPoint;
import dev.freshet.engine.tracking.ModelVersion;
import dev.freshet.engine.tracking.PromotionLogEntry;
import dev.freshet.engine.tracking.TrackingStore;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static dev.freshet.engine.store.generated.Tables.ARTIFACTS;
import static dev.freshet.engine.store.generated.Tables.EXPERIMENTS;
import static dev.freshet.engine.store.generated.Tables.MODEL_ALIASES;
import static dev.freshet.engine.store.generated.Tables.MODEL_VERSIONS;
import static dev.freshet.engine.store.generated.Tables.PROMOTION_LOG;
import static dev.freshet.engine.store.generated.Tables.REGISTERED_MODELS;
import static dev.freshet.engine.store.generated.Tables.RUN_METRICS;
import static dev.freshet.engine.store.generated.Tables.RUN_PARAMS;

/** Experiments, params, metrics, artifacts and the model registry in our tables, through jOOQ. */
public final class JooqTrackingStore implements TrackingStore {
    private final DSLContext dsl;

    public JooqTrackingStore(Database database) {
        this.dsl = database.dsl();
    }

    @Override
    public Experiment createExperiment(String name, Instant now) {
        ExperimentsRecord record = dsl.insertInto(EXPERIMENTS, EXPERIMENTS.NAME, EXPERIMENTS.CREATED_AT)
                .values(name, Times.db(now))
                .returning()
                .fetchOne();
        return toExperiment(record);
    }

    @Override
    public Optional<Experiment> experiment(long id) {
        return dsl.selectFrom(EXPERIMENTS)
                .where(EXPERIMENTS.EXPERIMENT_ID.eq(id))
                .fetchOptional()
                .map(JooqTrackingStore::toExperiment);
    }

    @Override
    public Optional<Experiment> experimentByName(String name) {
        return dsl.selectFrom(EXPERIMENTS)
                .where(EXPERIMENTS.NAME.eq(name))
                .fetchOptional()
                .map(JooqTrackingStore::toExperiment);
    }

    @Override
    public List<Experiment> experiments() {
        return dsl.selectFrom(EXPERIMENTS).orderBy(EXPERIMENTS.EXPERIMENT_ID).fetch(JooqTrackingStore::toExperiment);
    }

    @Override
    public void putParam(String runId, String key, String value) {
        RunParams.put(dsl, runId, key, value);
    }

    @Override
    public Map<String, String> params(String runId) {
        Map<String, String> params = new LinkedHashMap<>();
        dsl.selectFrom(RUN_PARAMS)
                .where(RUN_PARAMS.RUN_ID.eq(runId))
                .orderBy(RUN_PARAMS.PARAM_KEY)
                .forEach(r -> params.put(r.getParamKey(), r.getParamValue()));
        return params;
    }

    @Override
    public Map<String, Map<String, String>> params(Collection<String> runIds) {
        Map<String, Map<String, String>> params = new LinkedHashMap<>();
        runIds.forEach(runId -> params.put(runId, new LinkedHashMap<>()));
        dsl.selectFrom(RUN_PARAMS)
                .where(RUN_PARAMS.RUN_ID.in(params.keySet()))
                .orderBy(RUN_PARAMS.RUN_ID, RUN_PARAMS.PARAM_KEY)
                .forEach(r -> params.get(r.getRunId()).put(r.getParamKey(), r.getParamValue()));
        return params;
    }

    @Override
    public void appendMetric(String runId, String taskId, String key, double value, Instant at) {
        dsl.transaction(cfg -> {
            DSLContext tx = DSL.using(cfg);
            Long last = tx.select(DSL.max(RUN_METRICS.STEP))
                    .from(RUN_METRICS)
                    .where(RUN_METRICS.RUN_ID.eq(runId), RUN_METRICS.METRIC_KEY.eq(key))
                    .fetchOne(0, Long.class);
            tx.insertInto(RUN_METRICS)
                    .set(RUN_METRICS.RUN_ID, runId)
                    .set(RUN_METRICS.METRIC_KEY, key)
                    .set(RUN_METRICS.STEP, last == null ? 0L : last + 1)
                    .set(RUN_METRICS.METRIC_VALUE, value)
                    .set(RUN_METRICS.LOGGED_AT, Times.db(at))
                    .set(RUN_METRICS.TASK_ID, taskId)
                    .execute();
        });
    }

    @Override
    public Map<String, Double> latestMetrics(String runId) {
        Map<String, Double> latest = new LinkedHashMap<>();
        dsl.selectFrom(RUN_METRICS)
                .where(RUN_METRICS.RUN_ID.eq(runId))
                .orderBy(RUN_METRICS.METRIC_KEY, RUN_METRICS.STEP)
                .forEach(r -> latest.put(r.getMetricKey(), r.getMetricValue()));
        return latest;
    }

    @Override
    public Map<String, Map<String, Double>> latestMetrics(Collection<String> runIds) {
        Map<String, Map<String, Double>> latest = new LinkedHashMap<>();
        runIds.forEach(runId -> latest.put(runId, new LinkedHashMap<>()));
        dsl.selectFrom(RUN_METRICS)
                .where(RUN_METRICS.RUN_ID.in(latest.keySet()))
                .orderBy(RUN_METRICS.RUN_ID, RUN_METRICS.METRIC_KEY, RUN_METRICS.STEP)
                .forEach(r -> latest.get(r.getRunId()).put(r.getMetricKey(), r.getMetricValue()));
        return latest;
    }

    @Override
    public List<MetricPoint> metricHistory(String runId, String key) {
        return dsl.selectFrom(RUN_METRICS)
                .where(RUN_METRICS.RUN_ID.eq(runId), RUN_METRICS.METRIC_KEY.eq(key))
                .orderBy(RUN_METRICS.STEP)
                .fetch(r -> new MetricPoint(
                        r.getMetricKey(), r.getMetricValue(), r.getStep(), Times.instant(r.getLoggedAt())));
    }

    @Override
    public void putArtifact(Artifact a) {
        dsl.insertInto(ARTIFACTS)
                .set(ARTIFACTS.RUN_ID, a.runId())
                .set(ARTIFACTS.ARTIFACT_PATH, a.path())
                .set(ARTIFACTS.TASK_ID, a.taskId())
                .set(ARTIFACTS.FILE_PATH, a.location())
                .set(ARTIFACTS.SHA256, a.sha256())
                .set(ARTIFACTS.SIZE_BYTES, a.sizeBytes())
                .set(ARTIFACTS.CREATED_AT, Times.db(a.createdAt()))
                .onDuplicateKeyUpdate()
                .set(ARTIFACTS.TASK_ID, a.taskId())
                .set(ARTIFACTS.FILE_PATH, a.location())
                .set(ARTIFACTS.SHA256, a.sha256())
                .set(ARTIFACTS.SIZE_BYTES, a.sizeBytes())
                .set(ARTIFACTS.CREATED_AT, Times.db(a.createdAt()))
                .execute();
    }

    @Override
    public Optional<Artifact> artifact(String runId, String path) {
        return dsl.selectFrom(ARTIFACTS)
                .where(ARTIFACTS.RUN_ID.eq(runId), ARTIFACTS.ARTIFACT_PATH.eq(path))
                .fetchOptional()
                .map(JooqTrackingStore::toArtifact);
    }

    @Override
    public List<Artifact> artifacts(String runId) {
        return dsl.selectFrom(ARTIFACTS)
                .where(ARTIFACTS.RUN_ID.eq(runId))
                .orderBy(ARTIFACTS.ARTIFACT_PATH)
                .fetch(JooqTrackingStore::toArtifact);
    }

    @Override
    public ModelVersion registerVersion(
            String name,
            String runId,
            String sourceUri,
            Map<String, Double> metrics,
            Map<String, Object> lineage,
            Instant now) {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            lockModel(tx, name, now);
            Integer last = tx.select(DSL.max(MODEL_VERSIONS.VERSION))
                    .from(MODEL_VERSIONS)
                    .where(MODEL_VERSIONS.NAME.eq(name))
                    .fetchOne(0, Integer.class);
            int version = last == null ? 1 : last + 1;
            Instant created = Times.stored(now);
            tx.insertInto(MODEL_VERSIONS)
                    .set(MODEL_VERSIONS.NAME, name)
                    .set(MODEL_VERSIONS.VERSION, version)
                    .set(MODEL_VERSIONS.RUN_ID, runId)
                    .set(MODEL_VERSIONS.SOURCE_URI, sourceUri)
                    .set(MODEL_VERSIONS.METRICS, Json.write(metrics))
                    .set(MODEL_VERSIONS.LINEAGE, Json.write(lineage))
                    .set(MODEL_VERSIONS.CREATED_AT, Times.db(created))
                    .execute();
            return new ModelVersion(name, version, runId, sourceUri, metrics, lineage, created);
        });
    }

    @Override
    public Optional<ModelVersion> version(String name, int version) {
        return dsl.selectFrom(MODEL_VERSIONS)
                .where(MODEL_VERSIONS.NAME.eq(name), MODEL_VERSIONS.VERSION.eq(version))
                .fetchOptional()
                .map(JooqTrackingStore::toVersion);
    }

    @Override
    public List<ModelVersion> versions(String name) {
        return dsl.selectFrom(MODEL_VERSIONS)
                .where(MODEL_VERSIONS.NAME.eq(name))
                .orderBy(MODEL_VERSIONS.VERSION)
                .fetch(JooqTrackingStore::toVersion);
    }

    @Override
    public List<String> modelNames() {
        return dsl.select(REGISTERED_MODELS.NAME)
                .from(REGISTERED_MODELS)
                .orderBy(REGISTERED_MODELS.NAME)
                .fetch(REGISTERED_MODELS.NAME);
    }

    @Override
    public OptionalInt aliasVersion(String name, String alias) {
        return dsl.select(MODEL_ALIASES.VERSION)
                .from(MODEL_ALIASES)
                .where(MODEL_ALIASES.NAME.eq(name), MODEL_ALIASES.ALIAS.eq(alias))
                .fetchOptional(MODEL_ALIASES.VERSION)
                .map(OptionalInt::of)
                .orElse(OptionalInt.empty());
    }

    @Override
    public Map<String, Integer> aliases(String name) {
        Map<String, Integer> aliases = new LinkedHashMap<>();
        dsl.selectFrom(MODEL_ALIASES)
                .where(MODEL_ALIASES.NAME.eq(name))
                .orderBy(MODEL_ALIASES.ALIAS)
                .forEach(r -> aliases.put(r.getAlias(), r.getVersion()));
        return aliases;
    }

    @Override
    public Map<String, OptionalInt> aliasTargets(String alias) {
        Map<String, OptionalInt> targets = new LinkedHashMap<>();
        dsl.select(REGISTERED_MODELS.NAME, MODEL_ALIASES.VERSION)
                .from(REGISTERED_MODELS)
                .leftJoin(MODEL_ALIASES)
                .on(MODEL_ALIASES.NAME.eq(REGISTERED_MODELS.NAME), MODEL_ALIASES.ALIAS.eq(alias))
                .orderBy(REGISTERED_MODELS.NAME)
                .forEach(r ->
                        targets.put(r.value1(), r.value2() == null ? OptionalInt.empty() : OptionalInt.of(r.value2())));
        return targets;
    }

    @Override
    public boolean moveAlias(
            String name,
            String alias,
            OptionalInt expected,
            int toVersion,
            String runId,
            String reason,
            Instant now,
            Event event) {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            lockModel(tx, name, now);
            Optional<Integer> current = tx.select(MODEL_ALIASES.VERSION)
                    .from(MODEL_ALIASES)
                    .where(MODEL_ALIASES.NAME.eq(name), MODEL_ALIASES.ALIAS.eq(alias))
                    .fetchOptional(MODEL_ALIASES.VERSION);
            boolean matches = expected.isPresent()
                    ? current.isPresent() && current.get() == expected.getAsInt()
                    : current.isEmpty();
            if (!matches) {
                return false;
            }
            if (current.isPresent()) {
                tx.update(MODEL_ALIASES)
                        .set(MODEL_ALIASES.VERSION, toVersion)
                        .set(MODEL_ALIASES.UPDATED_AT, Times.db(now))
                        .where(MODEL_ALIASES.NAME.eq(name), MODEL_ALIASES.ALIAS.eq(alias))
                        .execute();
            } else {
                tx.insertInto(
                                MODEL_ALIASES,
                                MODEL_ALIASES.NAME,
                                MODEL_ALIASES.ALIAS,
                                MODEL_ALIASES.VERSION,
                                MODEL_ALIASES.UPDATED_AT)
                        .values(name, alias, toVersion, Times.db(now))
                        .execute();
            }
            tx.insertInto(PROMOTION_LOG)
                    .set(PROMOTION_LOG.NAME, name)
                    .set(PROMOTION_LOG.ALIAS, alias)
                    .set(PROMOTION_LOG.FROM_VERSION, current.orElse(null))
                    .set(PROMOTION_LOG.TO_VERSION, toVersion)
                    .set(PROMOTION_LOG.RUN_ID, runId)
                    .set(PROMOTION_LOG.REASON, reason.length() > 2000 ? reason.substring(0, 2000) : reason)
                    .set(PROMOTION_LOG.LOGGED_AT, Times.db(now))
                    .execute();
            OutboxRows.insert(tx, event);
            return true;
        });
    }

    @Override
    public List<PromotionLogEntry> promotionLog(String name) {
        return dsl.selectFrom(PROMOTION_LOG)
                .where(PROMOTION_LOG.NAME.eq(name))
                .orderBy(PROMOTION_LOG.ENTRY_ID)
                .fetch(JooqTrackingStore::toLogEntry);
    }

    /** Creates the model's row on first use and locks it: registrations and alias moves of one model serialise. */
    private static void lockModel(DSLContext tx, String name, Instant now) {
        InsertRace.ignore(() -> tx.insertInto(REGISTERED_MODELS, REGISTERED_MODELS.NAME, REGISTERED_MODELS.CREATED_AT)
                .values(name, Times.db(now))
                .onDuplicateKeyIgnore()
                .execute());
        tx.select(REGISTERED_MODELS.NAME)
                .from(REGISTERED_MODELS)
                .where(REGISTERED_MODELS.NAME.eq(name))
                .forUpdate()
                .fetch();
    }

    private static Experiment toExperiment(ExperimentsRecord r) {
        return new Experiment(r.getExperimentId(), r.getName(), Times.instant(r.getCreatedAt()));
    }

    private static Artifact toArtifact(ArtifactsRecord r) {
        return new Artifact(
                r.getRunId(),
                r.getArtifactPath(),
                r.getTaskId(),
                r.getFilePath(),
                r.getSha256(),
                r.getSizeBytes(),
                Times.instant(r.getCreatedAt()));
    }

    private static ModelVersion toVersion(ModelVersionsRecord r) {
        return new ModelVersion(
                r.getName(),
                r.getVersion(),
                r.getRunId(),
                r.getSourceUri(),
                Json.readDoubles(r.getMetrics()),
                Json.read(r.getLineage()),
                Times.instant(r.getCreatedAt()));
    }

    private static PromotionLogEntry toLogEntry(PromotionLogRecord r) {
        return new PromotionLogEntry(
                r.getEntryId(),
                r.getName(),
                r.getAlias(),
                r.getFromVersion(),
                r.getToVersion(),
                r.getRunId(),
                r.getReason(),
                Times.instant(r.getLoggedAt()));
    }
}
