package dev.freshet.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.task.ArtifactRef;
import dev.freshet.engine.task.TaskConfig;
import dev.freshet.engine.task.TaskContext;
import dev.freshet.engine.task.TaskResult;
import dev.freshet.engine.task.TaskType;
import dev.freshet.engine.tracking.ModelVersion;
import dev.freshet.engine.tracking.Sha256;
import dev.freshet.tasks.data.CsvTableReader;
import dev.freshet.tasks.data.HoldoutMask;
import dev.freshet.tasks.data.Progress;
import dev.freshet.tasks.data.SnapshotReader;
import dev.freshet.tasks.data.Table;
import dev.freshet.tasks.data.TableRead;
import dev.freshet.tasks.model.ColumnPredictor;
import dev.freshet.tasks.model.LinearModel;
import dev.freshet.tasks.model.RegressionMetrics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.freshet.engine.tracking.ModelRegistry.CHAMPION;

/**
 * {@code evaluate.regression {holdout, thresholds, compare_to, model}}: scores the trained model on a holdout — the
 * {@code holdout} file, or else the holdout part of ingest's {@code split} — as RMSE, MAE, R2 and max error (logged
 * as the run's metrics), scores the current champion on the same holdout in the same task, and always writes an
 * explicit blessing ({@code evaluation/blessing.json}) with every reason: blessed only if every threshold holds
 * (see {@link MetricThreshold}); with a champion and no change threshold, the candidate's RMSE must be strictly
 * lower than the champion's.
 */
public final class EvaluateRegressionTask implements TaskType {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> KEYS = Set.of("holdout", "thresholds", "compare_to", "model");

    @Override
    public String type() {
        return "evaluate.regression";
    }

    @Override
    public TaskResult run(TaskContext context) throws IOException {
        TaskConfig config = context.config();
        ConfigKeys.requireKnown(config, KEYS);
        List<MetricThreshold> thresholds = MetricThreshold.parse(config.section("thresholds"));
        String target = Upstream.require(context, "target", "ingest");
        Path modelFile = Upstream.requireFile(context, "model", "train");
        String compareTo = config.string("compare_to", CHAMPION);
        String modelName = config.string("model", context.workflowId());
        LinearModel candidate = LinearModel.read(modelFile);
        Optional<ModelVersion> championVersion =
                compareTo.equals("none") ? Optional.empty() : context.models().aliased(modelName, compareTo);
        Scorer scorer =
                championVersion.map(v -> Scorer.of(context, modelName, v)).orElse(null);
        Holdout holdout = config.has("holdout")
                ? fileHoldout(context.resolvePath(config.string("holdout")), target, candidate, scorer)
                : splitHoldout(context, config, target, candidate, scorer);
        if (holdout.dropped() > 0) {
            context.log().warn("left {} holdout row(s) with a missing value out", holdout.dropped());
        }
        double[] actual = holdout.actual();
        Map<String, Double> metrics = asMap(RegressionMetrics.of(actual, holdout.predicted()));
        metrics.forEach(context::logMetric);
        context.log().info("candidate on {} ({} rows): {}", holdout.file(), actual.length, metrics);

        ChampionScore championScore = scorer == null ? null : scorer.score(actual);
        ChampionScore champion = championScore;
        if (champion != null && champion.metrics() != null) {
            champion.metrics().forEach((key, value) -> context.logMetric(compareTo + "_" + key, value));
        }
        BlessingJudge.Judgement judgement = new BlessingJudge(thresholds, !compareTo.equals("none"))
                .judge(metrics, champion, compareTo + " of '" + modelName + "'");

        Map<String, Object> holdoutInfo = new LinkedHashMap<>();
        holdoutInfo.put("file", holdout.file().toString());
        holdoutInfo.put("sha256", holdout.sha256());
        holdoutInfo.put("rows", actual.length);
        holdoutInfo.put("from_split", !config.has("holdout"));
        Blessing blessing = new Blessing(
                judgement.blessed(),
                judgement.reasons(),
                judgement.checks(),
                metrics,
                champion == null ? null : champion.version(),
                champion == null ? null : champion.metrics(),
                holdoutInfo);
        Path blessingFile = context.artifactDir().resolve("blessing.json");
        JSON.writeValue(blessingFile.toFile(), blessing);
        ArtifactRef blessingRef = context.logArtifact("evaluation/blessing.json", blessingFile);
        context.logMetric("blessed", judgement.blessed() ? 1 : 0);
        context.log()
                .info(
                        "{}: {}",
                        judgement.blessed() ? "blessed" : "not blessed",
                        String.join("; ", judgement.reasons()));

        Map<String, Object> outputs = new LinkedHashMap<>(metrics);
        outputs.put("blessed", judgement.blessed());
        outputs.put("reasons", judgement.reasons());
        outputs.put("champion_version", champion == null ? null : champion.version());
        outputs.put(
                "champion_rmse",
                champion == null || champion.metrics() == null
                        ? null
                        : champion.metrics().get("rmse"));
        outputs.put("holdout_path", holdout.file().toString());
        outputs.put("holdout_rows", actual.length);
        outputs.put("blessing_path", blessingFile.toString());
        outputs.put("blessing_uri", blessingRef.uri());
        return TaskResult.of(outputs);
    }

    /** The holdout's actual values, the candidate's predictions, and where they came from. */
    private record Holdout(Path file, String sha256, double[] actual, double[] predicted, int dropped) {}

    /** The champion's predictions on the same rows, or why it could not make them. */
    private static final class Scorer {
        final int version;
        final LinearModel model;
        String failure;
        double[] predicted;

        private Scorer(int version, LinearModel model, String failure) {
            this.version = version;
            this.model = model;
            this.failure = failure;
        }

        static Scorer of(TaskContext context, String modelName, ModelVersion champion) {
            try {
                return new Scorer(
                        champion.version(), LinearModel.read(context.models().resolveFile(champion.sourceUri())), null);
            } catch (FreshetException e) {
                context.log().warn("{} version {} cannot be scored: {}", modelName, champion.version(), e.getMessage());
                return new Scorer(champion.version(), null, e.getMessage());
            }
        }

        void predict(Table rows) {
            if (failure != null) {
                return;
            }
            try {
                predicted = model.predict(rows);
            } catch (FreshetException e) {
                failure = e.getMessage();
            }
        }

        void predicted(double[] predictions) {
            predicted = predictions;
        }

        /** The champion bound to the snapshot's columns, or null (and why) when it lacks a feature. */
        ColumnPredictor bind(List<String> columns) {
            if (failure != null) {
                return null;
            }
            try {
                return ColumnPredictor.of(model, columns);
            } catch (FreshetException e) {
                failure = e.getMessage();
                return null;
            }
        }

        ChampionScore score(double[] actual) {
            if (failure != null) {
                return ChampionScore.unscorable(version, failure);
            }
            try {
                return ChampionScore.scored(version, asMap(RegressionMetrics.of(actual, predicted)));
            } catch (FreshetException e) {
                return ChampionScore.unscorable(version, e.getMessage());
            }
        }
    }

    private static Holdout fileHoldout(Path file, String target, LinearModel candidate, Scorer champion) {
        TableRead read = new CsvTableReader().readDroppingIncompleteRows(file);
        Table holdout = read.table();
        if (!holdout.hasColumn(target)) {
            throw new InvalidInputException(file + ":1: the holdout has no target column '" + target + "' (columns: "
                    + holdout.columns() + ")");
        }
        if (champion != null) {
            champion.predict(holdout);
        }
        return new Holdout(
                file, Sha256.of(file), holdout.column(target), candidate.predict(holdout), read.droppedRows());
    }

    /**
     * Streams the rows the ingest's split held out, a chunk at a time, scoring them straight from the reader's
     * columns and keeping only actual values and predictions.
     */
    private static Holdout splitHoldout(
            TaskContext context, TaskConfig config, String target, LinearModel candidate, Scorer champion) {
        Path maskFile = Upstream.file(context, "split_mask")
                .orElseThrow(() -> config.error(
                        "holdout",
                        "is required: name a holdout file, or give the ingest task a split: {fraction, seed}"));
        Path dataset = Upstream.requireFile(context, "dataset", "ingest");
        int rows = Integer.parseInt(Upstream.require(context, "rows", "ingest"));
        HoldoutMask mask = HoldoutMask.read(maskFile, rows);
        HoldoutScores scores;
        try (SnapshotReader reader = SnapshotReader.open(dataset)) {
            List<String> columns = reader.columns();
            int y = columns.indexOf(target);
            if (y < 0) {
                throw new InvalidInputException(
                        dataset + ": the holdout has no target column '" + target + "' (columns: " + columns + ")");
            }
            ColumnPredictor candidatePredictor = ColumnPredictor.of(candidate, columns);
            ColumnPredictor championPredictor = champion == null ? null : champion.bind(columns);
            Progress progress = new Progress(
                    m -> context.log().info("{}", m),
                    "evaluate: read",
                    reader.rowCount(),
                    dataset.toFile().length());
            scores = HoldoutScores.score(reader, mask, y, candidatePredictor, championPredictor, progress);
        }
        if (scores.actual().length == 0) {
            throw new InvalidInputException(
                    dataset + ": every one of its " + scores.dropped() + " holdout rows has a missing value");
        }
        if (champion != null && scores.championPredicted() != null) {
            champion.predicted(scores.championPredicted());
        }
        return new Holdout(
                dataset,
                Upstream.find(context, "split_mask_sha256")
                        .map(Object::toString)
                        .orElse(null),
                scores.actual(),
                scores.predicted(),
                scores.dropped());
    }

    private static Map<String, Double> asMap(RegressionMetrics m) {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("rmse", m.rmse());
        map.put("mae", m.mae());
        map.put("r2", m.r2());
        map.put("max_error", m.maxError());
        return map;
    }
}
