package dev.freshet.tasks;

import dev.freshet.engine.events.EventKind;
import dev.freshet.engine.task.TaskContext;
import dev.freshet.engine.task.TaskResult;
import dev.freshet.engine.task.TaskType;
import dev.freshet.engine.tracking.ModelVersion;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import static dev.freshet.engine.tracking.ModelRegistry.CHAMPION;

/**
 * {@code promote.model {model, alias}}: registers a blessed model as a new version (with its lineage, in one
 * transaction) and moves the alias to it by compare-and-set against the champion it was evaluated against. A model
 * that was not blessed is not registered, and the alias stays where it is.
 *
 * <p>If another run moved the alias after this run's evaluation, the blessing no longer says anything about the
 * new champion (its thresholds were held against the old one, on this run's holdout), so the version stays
 * registered but is not promoted: the next run evaluates against the new champion.
 */
public final class PromoteModelTask implements TaskType {
    private static final Set<String> KEYS = Set.of("model", "alias");

    @Override
    public String type() {
        return "promote.model";
    }

    @Override
    public TaskResult run(TaskContext context) {
        ConfigKeys.requireKnown(context.config(), KEYS);
        String name = context.config().string("model", context.workflowId());
        String alias = context.config().string("alias", CHAMPION);
        boolean blessed = Boolean.parseBoolean(Upstream.require(context, "blessed", "evaluate"));
        String modelUri = Upstream.require(context, "model_uri", "train");
        Path modelFile = Upstream.requireFile(context, "model", "train");
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("model_name", name);
        outputs.put("alias", alias);
        outputs.put("model_uri", modelUri);
        outputs.put("model_path", modelFile.toString());
        Optional<ModelVersion> current = context.models().aliased(name, alias);
        if (!blessed) {
            Object reasons = Upstream.find(context, "reasons").orElse("no reason given");
            context.log().info("not promoting: the evaluation did not bless this model ({})", reasons);
            outputs.put("promoted", false);
            outputs.put("version", null);
            outputs.put("reason", "not blessed");
            current.ifPresent(c -> outputs.put("champion_version", c.version()));
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("gate", "promotion");
            event.put("model", name);
            event.put("alias", alias);
            event.put("reasons", reasons);
            current.ifPresent(c -> event.put("champion_version", c.version()));
            context.raise(EventKind.GATE_FAILED, event);
            return TaskResult.of(outputs);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String key : List.of("rmse", "mae", "r2", "max_error")) {
            Upstream.find(context, key).ifPresent(v -> metrics.put(key, Double.parseDouble(v.toString())));
        }
        Object evaluatedAgainst = Upstream.find(context, "champion_version").orElse(null);
        Integer expectedVersion = evaluatedAgainst == null ? null : Integer.valueOf(evaluatedAgainst.toString());
        OptionalInt expected = expectedVersion == null ? OptionalInt.empty() : OptionalInt.of(expectedVersion);
        // A retry after a crash between registering and moving the alias reuses this run's version.
        ModelVersion version = context.models().versions(name).stream()
                .filter(v -> v.runId().equals(context.runId()) && v.sourceUri().equals(modelUri))
                .findFirst()
                .orElseGet(() -> context.models()
                        .register(
                                name,
                                context.runId(),
                                modelUri,
                                metrics,
                                ModelLineage.of(context, modelFile, expectedVersion)));
        String reason = "blessed by evaluation against "
                + (expectedVersion == null ? "no champion" : "version " + expectedVersion) + ": rmse "
                + (metrics.get("rmse") == null ? "unknown" : String.format(Locale.ROOT, "%.5g", metrics.get("rmse")));
        boolean promoted =
                context.models().moveAlias(name, alias, expected, version.version(), context.runId(), reason);
        if (promoted) {
            context.log()
                    .info(
                            "registered {} version {}; {} now points at it (was {})",
                            name,
                            version.version(),
                            alias,
                            expectedVersion == null ? "unset" : expectedVersion);
            outputs.put("reason", reason);
            outputs.put("champion_version", version.version());
        } else {
            Optional<ModelVersion> now = context.models().aliased(name, alias);
            String moved =
                    "the " + alias + " moved from " + (expectedVersion == null ? "unset" : "version " + expectedVersion)
                            + " to " + now.map(v -> "version " + v.version()).orElse("unset")
                            + " after this model was evaluated; its blessing does not cover the new " + alias;
            context.log().warn("registered {} version {} but did not promote it: {}", name, version.version(), moved);
            outputs.put("reason", moved);
            now.ifPresent(c -> outputs.put("champion_version", c.version()));
        }
        outputs.put("promoted", promoted);
        outputs.put("version", version.version());
        outputs.put("registered_uri", version.uri());
        return TaskResult.of(outputs);
    }
}
