package dev.freshet.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.freshet.engine.task.TaskConfig;
import dev.freshet.engine.task.TaskContext;
import dev.freshet.engine.task.TaskResult;
import dev.freshet.engine.task.TaskType;
import dev.freshet.engine.tracking.ModelVersion;
import dev.freshet.tasks.data.CsvTableReader;
import dev.freshet.tasks.data.Table;
import dev.freshet.tasks.model.LinearModel;
import dev.freshet.tasks.model.RegressionMetrics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code evaluate.regression {holdout, thresholds, compare_to, model}}: scores the trained model on a fixed holdout
 * file (RMSE, MAE, R2, max error, logged as the run's metrics), scores the current champion on the same holdout in
 * the same task, and writes an explicit blessing: blessed only if every threshold holds and, when there is a
 * champion, the candidate's RMSE is strictly lower (a tie keeps the champion).
 */
public final class EvaluateRegressionTask implements TaskType {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String type() {
        return "evaluate.regression";
    }

    @Override
    public TaskResult run(TaskContext context) throws IOException {
        TaskConfig config = context.config();
        Path holdoutFile = context.resolvePath(config.string("holdout"));
        String target = Upstream.require(context, "target", "ingest");
        Path modelFile = Path.of(Upstream.require(context, "model_path", "train"));
        Table holdout = new CsvTableReader().read(holdoutFile);
        if (!holdout.hasColumn(target)) {
            throw config.error("holdout", holdoutFile + " has no target column '" + target + "'");
        }
        double[] actual = holdout.column(target);
        RegressionMetrics candidate = RegressionMetrics.of(actual, LinearModel.read(modelFile).predict(holdout));
        Map<String, Double> metrics = asMap(candidate);
        metrics.forEach(context::logMetric);
        context.log().info("candidate on {} ({} rows): {}", holdoutFile.getFileName(), holdout.rowCount(), metrics);

        List<String> reasons = new ArrayList<>();
        boolean blessed = checkThresholds(config.section("thresholds"), metrics, reasons);

        Integer championVersion = null;
        Map<String, Double> championMetrics = null;
        String compareTo = config.string("compare_to", "champion");
        if (!compareTo.equals("none")) {
            String modelName = config.string("model", context.workflowId());
            Optional<ModelVersion> champion = context.models().aliased(modelName, compareTo);
            if (champion.isPresent()) {
                championVersion = champion.get().version();
                LinearModel championModel = LinearModel.read(context.models().resolveFile(champion.get().sourceUri()));
                championMetrics = asMap(RegressionMetrics.of(actual, championModel.predict(holdout)));
                context.logMetric("champion_rmse", championMetrics.get("rmse"));
                if (metrics.get("rmse") < championMetrics.get("rmse")) {
                    reasons.add(String.format("rmse %.6f beats %s version %d (%.6f)", metrics.get("rmse"),
                            compareTo, championVersion, championMetrics.get("rmse")));
                } else {
                    blessed = false;
                    reasons.add(String.format("rmse %.6f does not beat %s version %d (%.6f)", metrics.get("rmse"),
                            compareTo, championVersion, championMetrics.get("rmse")));
                }
            } else {
                reasons.add("no " + compareTo + " of model '" + modelName + "' yet");
            }
        }
        Blessing blessing = new Blessing(blessed, reasons, metrics, championVersion, championMetrics);
        Path blessingFile = context.artifactDir().resolve("blessing.json");
        JSON.writeValue(blessingFile.toFile(), blessing);
        context.logArtifact("evaluation/blessing.json", blessingFile);
        context.log().info("{}: {}", blessed ? "blessed" : "not blessed", String.join("; ", reasons));

        Map<String, Object> outputs = new LinkedHashMap<>(metrics);
        outputs.put("blessed", blessed);
        outputs.put("reasons", reasons);
        outputs.put("champion_version", championVersion);
        outputs.put("blessing_path", blessingFile.toString());
        return TaskResult.of(outputs);
    }

    /** {@code rmse: {max: 0.9}}, {@code r2: {min: 0.1}}: every configured bound must hold. */
    private static boolean checkThresholds(TaskConfig thresholds, Map<String, Double> metrics, List<String> reasons) {
        boolean ok = true;
        for (String metric : thresholds.asMap().keySet()) {
            Double value = metrics.get(metric);
            if (value == null) {
                throw thresholds.error(metric, "unknown metric; known: " + metrics.keySet());
            }
            TaskConfig bounds = thresholds.section(metric);
            Optional<Double> max = bounds.optNumber("max");
            Optional<Double> min = bounds.optNumber("min");
            if (max.isPresent() && value > max.get()) {
                ok = false;
                reasons.add(String.format("%s %.6f is above its maximum %s", metric, value, max.get()));
            }
            if (min.isPresent() && value < min.get()) {
                ok = false;
                reasons.add(String.format("%s %.6f is below its minimum %s", metric, value, min.get()));
            }
        }
        return ok;
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
