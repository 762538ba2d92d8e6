package dev.freshet.engine.monitoring;

import dev.freshet.engine.drift.ColumnDrift;
import dev.freshet.engine.drift.DriftRules;
import dev.freshet.engine.drift.DriftStatistics;
import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.tracking.ModelRegistry;
import dev.freshet.engine.tracking.ModelVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Feature drift of the logged traffic against the champion's training data, with the validation gate's KS and PSI
 * and its default thresholds ({@link DriftRules#DEFAULTS}). The reference sample is read once per champion version.
 */
final class LiveDrift {
    private static final Logger LOG = LoggerFactory.getLogger(LiveDrift.class);

    private final PredictionStore store;
    private final ModelRegistry models;
    private final Optional<TrainingDataReader> reader;
    private final DriftRules rules;
    private final Map<String, Reference> references = new ConcurrentHashMap<>();

    /** A champion version's training sample, per column; empty columns when it could not be read. */
    private record Reference(int version, Map<String, double[]> columns, String problem) {}

    LiveDrift(PredictionStore store, ModelRegistry models, Optional<TrainingDataReader> reader, DriftRules rules) {
        this.store = store;
        this.models = models;
        this.reader = reader;
        this.rules = rules;
    }

    DriftReport report(String model, Optional<Instant> since) {
        Instant from = since.orElse(null);
        Optional<ModelVersion> champion = models.aliased(model, ModelRegistry.CHAMPION);
        if (champion.isEmpty()) {
            return DriftReport.without(
                    DriftReport.Status.NO_CHAMPION, 0, from, 0, "model '" + model + "' has no champion");
        }
        ModelVersion version = champion.get();
        Reference reference = reference(version);
        if (reference.problem() != null) {
            return DriftReport.without(
                    DriftReport.Status.NO_REFERENCE, version.version(), from, 0, reference.problem());
        }
        List<LoggedFeatures> logged = store.recentFeatures(model, since, rules.sampleSize());
        if (logged.size() < 2) {
            return DriftReport.without(
                    DriftReport.Status.NO_TRAFFIC,
                    version.version(),
                    from,
                    logged.size(),
                    logged.size() + " logged prediction(s) in the window; drift needs at least 2");
        }
        List<String> features = featureNames(version);
        Map<String, double[]> current = columns(model, logged, features);
        DriftStatistics statistics = new DriftStatistics(rules.sampleSize(), rules.psiBins());
        List<FeatureDrift> drifts = new ArrayList<>();
        for (String feature : features) {
            double[] ref = reference.columns().get(feature);
            double[] cur = current.get(feature);
            if (ref == null || ref.length < 2 || cur == null || cur.length < 2) {
                continue;
            }
            ColumnDrift drift = statistics.compare(ref, cur);
            boolean drifted = drift.ksPValue() < rules.pValue() || drift.psi() >= rules.psi();
            drifts.add(new FeatureDrift(
                    feature,
                    drift.ksStatistic(),
                    drift.ksPValue(),
                    drift.psi(),
                    drift.referenceCount(),
                    drift.currentCount(),
                    drifted));
        }
        if (drifts.isEmpty()) {
            return DriftReport.without(
                    DriftReport.Status.NO_REFERENCE,
                    version.version(),
                    from,
                    logged.size(),
                    "the training data of version " + version.version() + " has none of the features " + features);
        }
        double share = (double) drifts.stream().filter(FeatureDrift::drifted).count() / drifts.size();
        return new DriftReport(
                DriftReport.Status.OK,
                version.version(),
                from,
                logged.size(),
                drifts,
                share,
                share >= rules.datasetShare(),
                null);
    }

    /** The logged rows as columns of the champion's features, each row's values placed by its version's names. */
    private Map<String, double[]> columns(String model, List<LoggedFeatures> logged, List<String> features) {
        Map<Integer, int[]> positions = new HashMap<>(); // version → index in the row of each champion feature
        Map<String, double[]> columns = new HashMap<>();
        int[] counts = new int[features.size()];
        double[][] values = new double[features.size()][logged.size()];
        for (LoggedFeatures row : logged) {
            int[] at = positions.computeIfAbsent(row.version(), v -> positionsOf(model, v, features));
            for (int f = 0; f < features.size(); f++) {
                if (at[f] >= 0 && at[f] < row.features().length && Double.isFinite(row.features()[at[f]])) {
                    values[f][counts[f]++] = row.features()[at[f]];
                }
            }
        }
        for (int f = 0; f < features.size(); f++) {
            columns.put(features.get(f), Arrays.copyOf(values[f], counts[f]));
        }
        return columns;
    }

    private int[] positionsOf(String model, int version, List<String> features) {
        List<String> names = features;
        if (version > 0) {
            try {
                List<String> own = featureNames(models.version(model, version));
                names = own.isEmpty() ? features : own;
            } catch (FreshetException e) {
                // a deleted version: assume the champion's order
            }
        }
        int[] at = new int[features.size()];
        for (int f = 0; f < features.size(); f++) {
            at[f] = names.indexOf(features.get(f));
        }
        return at;
    }

    private static List<String> featureNames(ModelVersion version) {
        Object features = version.lineage().get("features");
        if (features instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    private Reference reference(ModelVersion champion) {
        String key = champion.name();
        Reference cached = references.get(key);
        if (cached != null && cached.version() == champion.version()) {
            return cached;
        }
        Reference read = read(champion);
        references.put(key, read);
        return read;
    }

    private Reference read(ModelVersion champion) {
        String name = champion.name() + " version " + champion.version();
        if (featureNames(champion).isEmpty()) {
            return new Reference(champion.version(), Map.of(), name + " names no features in its lineage");
        }
        // as the validation gate finds it
        Object uri = champion.lineage().getOrDefault("dataset_uri", "runs:/" + champion.runId() + "/dataset/data.csv");
        if (reader.isEmpty()) {
            return new Reference(champion.version(), Map.of(), "no reader of training data is installed");
        }
        try {
            Map<String, double[]> columns = reader.get().sample(models.resolveFile(uri.toString()), rules.sampleSize());
            return new Reference(champion.version(), Map.copyOf(columns), null);
        } catch (FreshetException | UncheckedIOException e) {
            LOG.warn("cannot read the training data of {} ({}): {}", name, uri, e.getMessage());
            return new Reference(
                    champion.version(), Map.of(), "cannot read the training data of " + name + ": " + e.getMessage());
        }
    }
}
