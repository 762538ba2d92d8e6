package dev.freshet.tasks;

import dev.freshet.engine.task.TaskContext;
import dev.freshet.engine.task.TaskResult;
import dev.freshet.engine.task.TaskType;
import dev.freshet.engine.tracking.ModelVersion;
import dev.freshet.tasks.model.LinearModel;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code promote.model {model, alias}}: registers a blessed model as a new version (with its lineage) and moves the
 * alias to it by compare-and-set against the champion it was evaluated against. A model that was not blessed is not
 * registered and the alias stays where it is. If another run moved the alias meanwhile, the candidate is compared
 * with the new champion's RMSE before trying again.
 */
public final class PromoteModelTask implements TaskType {
    private static final int MAX_ATTEMPTS = 5;

    @Override
    public String type() {
        return "promote.model";
    }

    @Override
    public TaskResult run(TaskContext context) {
        String name = context.config().string("model", context.workflowId());
        String alias = context.config().string("alias", "champion");
        boolean blessed = Boolean.parseBoolean(Upstream.require(context, "blessed", "evaluate"));
        String modelUri = Upstream.require(context, "model_uri", "train");
        Path modelFile = Path.of(Upstream.require(context, "model_path", "train"));
        double rmse = Double.parseDouble(Upstream.require(context, "rmse", "evaluate"));
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("model_name", name);
        outputs.put("alias", alias);
        outputs.put("model_uri", modelUri);
        outputs.put("model_path", modelFile.toString());
        if (!blessed) {
            context.log().info("not promoting: the evaluation did not bless this model ({})",
                    Upstream.find(context, "reasons").orElse("no reason given"));
            outputs.put("promoted", false);
            outputs.put("version", null);
            context.models().aliased(name, alias).ifPresent(c -> outputs.put("champion_version", c.version()));
            return TaskResult.of(outputs);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String key : List.of("rmse", "mae", "r2", "max_error")) {
            Upstream.find(context, key).ifPresent(v -> metrics.put(key, Double.parseDouble(v.toString())));
        }
        Object evaluatedAgainst = Upstream.find(context, "champion_version").orElse(null);
        OptionalInt expected = evaluatedAgainst == null ? OptionalInt.empty()
                : OptionalInt.of(Integer.parseInt(evaluatedAgainst.toString()));
        ModelVersion version = context.models().register(name, context.runId(), modelUri, metrics,
                lineage(context, modelFile, expected));
        boolean promoted = false;
        String reason = "blessed by evaluation: rmse " + rmse;
        for (int attempt = 0; attempt < MAX_ATTEMPTS && !promoted; attempt++) {
            promoted = context.models().moveAlias(name, alias, expected, version.version(), context.runId(), reason);
            if (!promoted) {
                Optional<ModelVersion> now = context.models().aliased(name, alias);
                Double theirs = now.map(v -> v.metrics().get("rmse")).orElse(null);
                if (now.isPresent() && theirs != null && theirs <= rmse) {
                    context.log().info("another run promoted version {} (rmse {}) meanwhile; it is at least as good",
                            now.get().version(), theirs);
                    break;
                }
                expected = now.map(v -> OptionalInt.of(v.version())).orElse(OptionalInt.empty());
                reason = "blessed by evaluation: rmse " + rmse + " (retried after a concurrent promotion)";
            }
        }
        context.log().info("registered {} version {}; {}", name, version.version(),
                promoted ? alias + " now points at it" : alias + " unchanged");
        outputs.put("promoted", promoted);
        outputs.put("version", version.version());
        outputs.put("registered_uri", version.uri());
        return TaskResult.of(outputs);
    }

    private static Map<String, Object> lineage(TaskContext context, Path modelFile, OptionalInt replaces) {
        Map<String, Object> lineage = new LinkedHashMap<>();
        lineage.put("run_id", context.runId());
        lineage.put("workflow_id", context.workflowId());
        lineage.put("workflow_hash", context.workflowHash());
        Upstream.find(context, "dataset_sha256").ifPresent(v -> lineage.put("dataset_sha256", v));
        Upstream.find(context, "source").ifPresent(v -> lineage.put("dataset_source", v));
        lineage.put("params", context.params());
        lineage.put("features", LinearModel.read(modelFile).featureNames());
        lineage.put("replaces", replaces.isPresent() ? replaces.getAsInt() : null);
        return lineage;
    }
}
