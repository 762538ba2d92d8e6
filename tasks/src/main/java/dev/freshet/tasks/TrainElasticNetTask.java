package dev.freshet.tasks;

import dev.freshet.engine.task.ArtifactRef;
import dev.freshet.engine.task.SettingType;
import dev.freshet.engine.task.TaskConfig;
import dev.freshet.engine.task.TaskContext;
import dev.freshet.engine.task.TaskResult;
import dev.freshet.engine.task.TaskType;
import dev.freshet.tasks.data.CsvTableReader;
import dev.freshet.tasks.data.Table;
import dev.freshet.tasks.data.TableRead;
import dev.freshet.tasks.model.ElasticNet;
import dev.freshet.tasks.model.ElasticNetParams;
import dev.freshet.tasks.model.LinearModel;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code train.elasticnet {alpha, l1_ratio, tol, max_iter, fit_intercept, positive, standardize}}: fits
 * scikit-learn's ElasticNet on the ingested data (its training part when ingest made a split; every column but the
 * target is a feature) and stores the model as the run's {@code model} artifact. Rows with a missing value, which
 * validation lets through only when {@code max_null_fraction} allows it, are left out and counted.
 */
public final class TrainElasticNetTask implements TaskType {
    private static final Set<String> KEYS = Set.of("alpha", "l1_ratio", "tol", "max_iter", "fit_intercept",
            "positive", "standardize");

    private static final Map<String, SettingType> SETTING_TYPES = Map.of(
            "alpha", SettingType.NUMBER, "l1_ratio", SettingType.NUMBER, "tol", SettingType.NUMBER,
            "max_iter", SettingType.INTEGER, "fit_intercept", SettingType.BOOLEAN, "positive", SettingType.BOOLEAN,
            "standardize", SettingType.BOOLEAN);

    @Override
    public String type() {
        return "train.elasticnet";
    }

    @Override
    public Map<String, SettingType> settingTypes() {
        return SETTING_TYPES;
    }

    @Override
    public TaskResult run(TaskContext context) {
        TaskConfig config = context.config();
        ConfigKeys.requireKnown(config, KEYS);
        ElasticNetParams params = new ElasticNetParams(config.number("alpha", 1.0), config.number("l1_ratio", 0.5),
                config.number("tol", ElasticNetParams.DEFAULT_TOL),
                config.integer("max_iter", ElasticNetParams.DEFAULT_MAX_ITER), config.bool("fit_intercept", true),
                config.bool("positive", false), config.bool("standardize", false));
        Path dataset = Path.of(Upstream.find(context, "train_path")
                .orElseGet(() -> Upstream.require(context, "dataset_path", "ingest")).toString());
        String target = Upstream.require(context, "target", "ingest");
        TableRead read = new CsvTableReader().readDroppingIncompleteRows(dataset);
        if (read.droppedRows() > 0) {
            context.log().warn("left out {} row(s) with a missing value", read.droppedRows());
        }
        Table data = read.table();
        Map<String, Object> hyperparameters = hyperparameters(params);
        hyperparameters.forEach((key, value) -> context.logParam(key, String.valueOf(value)));

        long started = System.nanoTime();
        LinearModel model = new ElasticNet(params).fit(data, target);
        double seconds = (System.nanoTime() - started) / 1e9;
        context.log().info("fitted on {} rows x {} features in {} s: {} iterations, converged {}, dual gap {}",
                data.rowCount(), model.featureNames().size(), seconds, model.iterations(), model.converged(),
                model.dualGap());
        if (!model.converged()) {
            context.log().warn("the fit did not converge in {} iterations; raise max_iter or tol", params.maxIter());
        }
        context.logMetric("train_iterations", model.iterations());
        context.logMetric("train_seconds", seconds);
        context.logMetric("train_rows", data.rowCount());
        Path file = context.artifactDir().resolve("model.json");
        model.write(file);
        ArtifactRef ref = context.logArtifact("model", file);
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("model_uri", ref.uri());
        outputs.put("model_path", file.toString());
        outputs.put("model_sha256", ref.sha256());
        outputs.put("iterations", model.iterations());
        outputs.put("converged", model.converged());
        outputs.put("training_rows", data.rowCount());
        outputs.put("dropped_rows", read.droppedRows());
        outputs.put("hyperparameters", hyperparameters);
        return TaskResult.of(outputs);
    }

    private static Map<String, Object> hyperparameters(ElasticNetParams params) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("alpha", params.alpha());
        values.put("l1_ratio", params.l1Ratio());
        values.put("tol", params.tol());
        values.put("max_iter", params.maxIter());
        values.put("fit_intercept", params.fitIntercept());
        values.put("positive", params.positive());
        values.put("standardize", params.standardize());
        return values;
    }
}
