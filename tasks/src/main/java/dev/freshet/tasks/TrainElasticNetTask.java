package dev.freshet.tasks;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.task.ArtifactRef;
import dev.freshet.engine.task.SettingType;
import dev.freshet.engine.task.TaskConfig;
import dev.freshet.engine.task.TaskContext;
import dev.freshet.engine.task.TaskResult;
import dev.freshet.engine.task.TaskType;
import dev.freshet.tasks.data.CsvTableReader;
import dev.freshet.tasks.data.HoldoutMask;
import dev.freshet.tasks.data.Progress;
import dev.freshet.tasks.data.SnapshotReader;
import dev.freshet.tasks.data.SnapshotRows;
import dev.freshet.tasks.data.Table;
import dev.freshet.tasks.data.TableRead;
import dev.freshet.tasks.model.ElasticNet;
import dev.freshet.tasks.model.ElasticNetParams;
import dev.freshet.tasks.model.GramAccumulator;
import dev.freshet.tasks.model.LinearModel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * {@code train.elasticnet {alpha, l1_ratio, tol, max_iter, fit_intercept, positive, standardize}}: fits
 * scikit-learn's ElasticNet on the ingested snapshot (its training rows when ingest recorded a split; every column but
 * the target is a feature), streaming the rows into the Gram matrix, and stores the model as the run's {@code model}
 * artifact. Rows with a missing value, which
 * validation lets through only when {@code max_null_fraction} allows it, are left out and counted.
 */
public final class TrainElasticNetTask implements TaskType {
    private static final Set<String> KEYS =
            Set.of("alpha", "l1_ratio", "tol", "max_iter", "fit_intercept", "positive", "standardize");

    private static final Map<String, SettingType> SETTING_TYPES = Map.of(
            "alpha",
            SettingType.NUMBER,
            "l1_ratio",
            SettingType.NUMBER,
            "tol",
            SettingType.NUMBER,
            "max_iter",
            SettingType.INTEGER,
            "fit_intercept",
            SettingType.BOOLEAN,
            "positive",
            SettingType.BOOLEAN,
            "standardize",
            SettingType.BOOLEAN);

    @Override
    public String type() {
        return "train.elasticnet";
    }

    @Override
    public void prepare() {
        GramAccumulator.loadNativeLibraries();
    }

    @Override
    public Map<String, SettingType> settingTypes() {
        return SETTING_TYPES;
    }

    @Override
    public TaskResult run(TaskContext context) {
        TaskConfig config = context.config();
        ConfigKeys.requireKnown(config, KEYS);
        ElasticNetParams params = new ElasticNetParams(
                config.number("alpha", 1.0),
                config.number("l1_ratio", 0.5),
                config.number("tol", ElasticNetParams.DEFAULT_TOL),
                config.integer("max_iter", ElasticNetParams.DEFAULT_MAX_ITER),
                config.bool("fit_intercept", true),
                config.bool("positive", false),
                config.bool("standardize", false));
        Path dataset = Upstream.requireFile(context, "dataset", "ingest");
        String target = Upstream.require(context, "target", "ingest");
        Map<String, Object> hyperparameters = hyperparameters(params);
        hyperparameters.forEach((key, value) -> context.logParam(key, String.valueOf(value)));
        ElasticNet net = new ElasticNet(params);
        long started = System.nanoTime();
        Fit fit = SnapshotReader.isParquet(dataset)
                ? fitSnapshot(context, net, dataset, target)
                : fitTable(net, new CsvTableReader().readDroppingIncompleteRows(dataset), target);
        LinearModel model = fit.model();
        if (fit.dropped() > 0) {
            context.log().warn("left out {} row(s) with a missing value", fit.dropped());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        context.log()
                .info(
                        "fitted on {} rows x {} features in {} s (reading included): {} iterations, converged {}, "
                                + "dual gap {}",
                        fit.rows(),
                        model.featureNames().size(),
                        seconds,
                        model.iterations(),
                        model.converged(),
                        model.dualGap());
        if (!model.converged()) {
            context.log().warn("the fit did not converge in {} iterations; raise max_iter or tol", params.maxIter());
        }
        context.logMetric("train_iterations", model.iterations());
        context.logMetric("train_seconds", seconds);
        context.logMetric("train_rows", fit.rows());
        Path file = context.artifactDir().resolve("model.json");
        model.write(file);
        ArtifactRef ref = context.logArtifact("model", file);
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("model_uri", ref.uri());
        outputs.put("model_path", file.toString());
        outputs.put("model_sha256", ref.sha256());
        outputs.put("iterations", model.iterations());
        outputs.put("converged", model.converged());
        outputs.put("training_rows", fit.rows());
        outputs.put("dropped_rows", fit.dropped());
        outputs.put("hyperparameters", hyperparameters);
        return TaskResult.of(outputs);
    }

    private record Fit(LinearModel model, int rows, int dropped) {}

    private static Fit fitTable(ElasticNet net, TableRead read, String target) {
        Table data = read.table();
        return new Fit(net.fit(data, target), data.rowCount(), read.droppedRows());
    }

    /**
     * Streams the training rows of the snapshot into the Gram matrix (memory O(p²) + a chunk); only a fit the
     * Gram solver does not take (more than a thousand features, or fewer rows than features) reads them into memory.
     */
    private static Fit fitSnapshot(TaskContext context, ElasticNet net, Path dataset, String target) {
        HoldoutMask mask = Upstream.file(context, "split_mask")
                .map(p -> HoldoutMask.read(p, Integer.parseInt(Upstream.require(context, "rows", "ingest"))))
                .orElse(null);
        try (SnapshotReader reader = SnapshotReader.open(dataset)) {
            List<String> columns = reader.columns();
            int y = columns.indexOf(target);
            if (y < 0) {
                throw new InvalidInputException("no column '" + target + "' (columns: " + columns + ")");
            }
            List<String> features = new ArrayList<>(columns);
            features.remove(target);
            long rows = mask == null ? reader.rowCount() : mask.rows() - mask.holdoutRows();
            Progress progress = new Progress(
                    m -> context.log().info("{}", m),
                    "train: read",
                    reader.rowCount(),
                    dataset.toFile().length());
            SnapshotRows.Side side = mask == null ? SnapshotRows.Side.ALL : SnapshotRows.Side.TRAIN;
            if (!net.canStream(rows, features.size())) {
                List<double[]> kept = new ArrayList<>();
                int dropped = SnapshotRows.forEach(reader, mask, side, progress, row -> kept.add(row.clone()));
                if (kept.isEmpty()) {
                    throw new InvalidInputException(
                            dataset + ": every one of its " + dropped + " training rows has a missing value");
                }
                return fitTable(net, new TableRead(new Table(columns, kept.toArray(double[][]::new)), dropped), target);
            }
            int[] featureColumns =
                    IntStream.range(0, columns.size()).filter(j -> j != y).toArray();
            try (GramAccumulator accumulator = net.newAccumulator(features.size(), rows)) {
                int dropped = SnapshotRows.forEachChunk(
                        reader,
                        mask,
                        side,
                        progress,
                        (values, chunkRows, kept, count) ->
                                accumulator.addColumns(values, featureColumns, y, kept, count));
                if (accumulator.rows() == 0) {
                    throw new InvalidInputException(
                            dataset + ": every one of its " + dropped + " training rows has a missing value");
                }
                return new Fit(net.fit(features, accumulator), accumulator.rows(), dropped);
            }
        }
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
