package dev.freshet.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.freshet.engine.FreshetException;
import dev.freshet.engine.InvalidInputException;
import dev.freshet.engine.task.ArtifactRef;
import dev.freshet.engine.task.TaskConfig;
import dev.freshet.engine.task.TaskContext;
import dev.freshet.engine.task.TaskResult;
import dev.freshet.engine.task.TaskType;
import dev.freshet.engine.tracking.ModelVersion;
import dev.freshet.engine.tracking.Sha256;
import dev.freshet.tasks.data.CsvTableReader;
import dev.freshet.tasks.data.Table;
import dev.freshet.tasks.data.TableRead;
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
        Path modelFile = Path.of(Upstream.require(context, "model_path", "train"));
        Path holdoutFile = holdoutFile(context, config);
        TableRead read = new CsvTableReader().readDroppingIncompleteRows(holdoutFile);
        Table holdout = read.table();
        if (!holdout.hasColumn(target)) {
            throw new InvalidInputException(holdoutFile + ":1: the holdout has no target column '" + target
                    + "' (columns: " + holdout.columns() + ")");
        }
        if (read.droppedRows() > 0) {
            context.log().warn("left {} holdout row(s) with a missing value out", read.droppedRows());
        }
        double[] actual = holdout.column(target);
        Map<String, Double> metrics = asMap(RegressionMetrics.of(actual, LinearModel.read(modelFile).predict(holdout)));
        metrics.forEach(context::logMetric);
        context.log().info("candidate on {} ({} rows): {}", holdoutFile, holdout.rowCount(), metrics);

        String compareTo = config.string("compare_to", CHAMPION);
        String modelName = config.string("model", context.workflowId());
        ChampionScore champion = compareTo.equals("none") ? null
                : championScore(context, modelName, compareTo, holdout, actual);
        if (champion != null && champion.metrics() != null) {
            champion.metrics().forEach((key, value) -> context.logMetric(compareTo + "_" + key, value));
        }
        BlessingJudge.Judgement judgement = new BlessingJudge(thresholds, !compareTo.equals("none"))
                .judge(metrics, champion, compareTo + " of '" + modelName + "'");

        Map<String, Object> holdoutInfo = new LinkedHashMap<>();
        holdoutInfo.put("file", holdoutFile.toString());
        holdoutInfo.put("sha256", Sha256.of(holdoutFile));
        holdoutInfo.put("rows", holdout.rowCount());
        holdoutInfo.put("from_split", !config.has("holdout"));
        Blessing blessing = new Blessing(judgement.blessed(), judgement.reasons(), judgement.checks(), metrics,
                champion == null ? null : champion.version(), champion == null ? null : champion.metrics(),
                holdoutInfo);
        Path blessingFile = context.artifactDir().resolve("blessing.json");
        JSON.writeValue(blessingFile.toFile(), blessing);
        ArtifactRef blessingRef = context.logArtifact("evaluation/blessing.json", blessingFile);
        context.logMetric("blessed", judgement.blessed() ? 1 : 0);
        context.log().info("{}: {}", judgement.blessed() ? "blessed" : "not blessed",
                String.join("; ", judgement.reasons()));

        Map<String, Object> outputs = new LinkedHashMap<>(metrics);
        outputs.put("blessed", judgement.blessed());
        outputs.put("reasons", judgement.reasons());
        outputs.put("champion_version", champion == null ? null : champion.version());
        outputs.put("champion_rmse", champion == null || champion.metrics() == null ? null
                : champion.metrics().get("rmse"));
        outputs.put("holdout_path", holdoutFile.toString());
        outputs.put("holdout_rows", holdout.rowCount());
        outputs.put("blessing_path", blessingFile.toString());
        outputs.put("blessing_uri", blessingRef.uri());
        return TaskResult.of(outputs);
    }

    private static Path holdoutFile(TaskContext context, TaskConfig config) {
        if (config.has("holdout")) {
            return context.resolvePath(config.string("holdout"));
        }
        return Upstream.find(context, "holdout_path").map(p -> Path.of(p.toString())).orElseThrow(() -> config.error(
                "holdout", "is required: name a holdout file, or give the ingest task a split: {fraction, seed}"));
    }

    private static ChampionScore championScore(TaskContext context, String modelName, String alias, Table holdout,
                                               double[] actual) {
        Optional<ModelVersion> champion = context.models().aliased(modelName, alias);
        if (champion.isEmpty()) {
            return null;
        }
        int version = champion.get().version();
        try {
            LinearModel model = LinearModel.read(context.models().resolveFile(champion.get().sourceUri()));
            return ChampionScore.scored(version, asMap(RegressionMetrics.of(actual, model.predict(holdout))));
        } catch (FreshetException e) {
            context.log().warn("{} version {} cannot be scored: {}", modelName, version, e.getMessage());
            return ChampionScore.unscorable(version, e.getMessage());
        }
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
