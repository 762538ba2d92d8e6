package dev.freshet.tasks;

import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.task.TaskContext;
import dev.freshet.tasks.data.BatchSpan;
import dev.freshet.tasks.data.DatasetManifest;
import dev.freshet.tasks.model.LinearModel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a registered model version records about where it came from: the run and the workflow definition's hash,
 * the data set (sha256, the batches it was unioned from, the split), the schema and validation report, the
 * hyperparameters and metrics, the holdout and blessing, and the champion it was held against and replaces.
 */
final class ModelLineage {
    /** Lineage is stored as one JSON document; a long batch list is cut here (the manifest has them all). */
    static final int MAX_BATCHES = 200;

    private ModelLineage() {}

    static Map<String, Object> of(TaskContext context, Path modelFile, Integer replaces) {
        Map<String, Object> lineage = new LinkedHashMap<>();
        lineage.put("run_id", context.runId());
        lineage.put("workflow_id", context.workflowId());
        lineage.put("workflow_hash", context.workflowHash());
        lineage.put("logical_date", context.logicalDate().toString());
        copy(context, lineage, "dataset_uri", "dataset_uri");
        copy(context, lineage, "dataset_sha256", "dataset_sha256");
        copy(context, lineage, "source", "dataset_source");
        copy(context, lineage, "rows", "dataset_rows");
        copy(context, lineage, "manifest_uri", "batches_uri");
        Upstream.file(context, "manifest").ifPresent(path -> lineage.put("batches", batches(path)));
        Map<String, Object> split = new LinkedHashMap<>();
        Upstream.find(context, "split_fraction").ifPresent(v -> split.put("fraction", v));
        Upstream.find(context, "split_seed").ifPresent(v -> split.put("seed", v));
        lineage.put("split", split.isEmpty() ? null : split);
        copy(context, lineage, "schema_uri", "schema_uri");
        copy(context, lineage, "report_uri", "validation_report_uri");
        copy(context, lineage, "warnings", "validation_warnings");
        copy(context, lineage, "drifted_columns", "drifted_columns");
        lineage.put("params", context.params());
        copy(context, lineage, "hyperparameters", "hyperparameters");
        copy(context, lineage, "training_rows", "training_rows");
        lineage.put("features", LinearModel.read(modelFile).featureNames());
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (String key : List.of("rmse", "mae", "r2", "max_error")) {
            Upstream.find(context, key).ifPresent(v -> metrics.put(key, v));
        }
        lineage.put("metrics", metrics);
        copy(context, lineage, "holdout_path", "holdout");
        copy(context, lineage, "blessing_uri", "blessing_uri");
        lineage.put("replaces", replaces);
        copy(context, lineage, "champion_rmse", "replaced_rmse_on_same_holdout");
        return lineage;
    }

    private static void copy(TaskContext context, Map<String, Object> lineage, String output, String key) {
        Upstream.find(context, output).ifPresent(value -> lineage.put(key, value));
    }

    private static List<Map<String, Object>> batches(Path manifestFile) {
        List<Map<String, Object>> batches = new ArrayList<>();
        try {
            for (BatchSpan span : DatasetManifest.read(manifestFile).batches()) {
                if (batches.size() == MAX_BATCHES) {
                    break;
                }
                Map<String, Object> batch = new LinkedHashMap<>();
                batch.put("file", span.file());
                batch.put("sha256", span.sha256());
                batch.put("rows", span.rows());
                batch.put("modified", span.modified());
                batches.add(batch);
            }
        } catch (FreshetException e) {
            return List.of();
        }
        return batches;
    }
}
