package dev.freshet.tasks;

import dev.freshet.engine.task.ArtifactRef;
import dev.freshet.engine.task.TaskConfig;
import dev.freshet.engine.task.TaskContext;
import dev.freshet.engine.task.TaskResult;
import dev.freshet.engine.task.TaskType;
import dev.freshet.tasks.data.CsvTableReader;
import dev.freshet.tasks.data.Table;
import dev.freshet.tasks.model.ElasticNet;
import dev.freshet.tasks.model.ElasticNetParams;
import dev.freshet.tasks.model.LinearModel;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code train.elasticnet {alpha, l1_ratio, tol, max_iter, fit_intercept, positive}}: fits scikit-learn's ElasticNet
 * on the ingested dataset (every column but the target is a feature) and stores the model as the run's
 * {@code model} artifact.
 */
public final class TrainElasticNetTask implements TaskType {
    @Override
    public String type() {
        return "train.elasticnet";
    }

    @Override
    public TaskResult run(TaskContext context) {
        TaskConfig config = context.config();
        ElasticNetParams params = ElasticNetParams.of(config.number("alpha", 1.0), config.number("l1_ratio", 0.5))
                .withTol(config.number("tol", ElasticNetParams.DEFAULT_TOL))
                .withMaxIter(config.integer("max_iter", ElasticNetParams.DEFAULT_MAX_ITER))
                .withFitIntercept(config.bool("fit_intercept", true))
                .withPositive(config.bool("positive", false));
        Path dataset = Path.of(Upstream.require(context, "dataset_path", "ingest"));
        String target = Upstream.require(context, "target", "ingest");
        Table data = new CsvTableReader().read(dataset);
        context.logParam("alpha", String.valueOf(params.alpha()));
        context.logParam("l1_ratio", String.valueOf(params.l1Ratio()));
        context.logParam("tol", String.valueOf(params.tol()));
        context.logParam("max_iter", String.valueOf(params.maxIter()));
        long started = System.nanoTime();
        LinearModel model = new ElasticNet(params).fit(data, target);
        double seconds = (System.nanoTime() - started) / 1e9;
        context.log().info("fitted on {} rows x {} features in {} s: {} iterations, converged {}, dual gap {}",
                data.rowCount(), model.featureNames().size(), seconds, model.iterations(), model.converged(),
                model.dualGap());
        context.logMetric("train_iterations", model.iterations());
        context.logMetric("train_seconds", seconds);
        Path file = context.artifactDir().resolve("model.json");
        model.write(file);
        ArtifactRef ref = context.logArtifact("model", file);
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("model_uri", ref.uri());
        outputs.put("model_path", file.toString());
        outputs.put("model_sha256", ref.sha256());
        outputs.put("iterations", model.iterations());
        outputs.put("converged", model.converged());
        return TaskResult.of(outputs);
    }
}
