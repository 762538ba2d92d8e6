package dev.freshet.tasks;

import dev.freshet.engine.InvalidInputException;
import dev.freshet.engine.task.ArtifactRef;
import dev.freshet.engine.task.TaskConfig;
import dev.freshet.engine.task.TaskContext;
import dev.freshet.engine.task.TaskResult;
import dev.freshet.engine.task.TaskType;
import dev.freshet.engine.workflow.Durations;
import dev.freshet.tasks.data.BatchFile;
import dev.freshet.tasks.data.BatchFinder;
import dev.freshet.tasks.data.BatchSelection;
import dev.freshet.tasks.data.BatchSpan;
import dev.freshet.tasks.data.CsvUnion;
import dev.freshet.tasks.data.DatasetManifest;
import dev.freshet.tasks.data.HoldoutSplit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ingest.csv {source, target, newest, window, split}}: takes the batch files {@code source} names (a file, a
 * folder of {@code *.csv}, or a glob), keeps those modified inside {@code window} ending at the run's logical date
 * and of those the {@code newest} N, and snapshots their union into the run's artifacts with its sha256, so every
 * later task (and the model's lineage) reads exactly the bytes this run saw. With {@code split: {fraction, seed}} it
 * also writes a seeded, row-stable train/holdout split of the union for training and evaluation.
 *
 * <p>Checking the values is validate's job; an empty, unreadable or malformed batch, or one whose header differs
 * from the others', fails here, naming the file and line.
 */
public final class IngestCsvTask implements TaskType {
    /** Outputs stay small: longer batch lists are in the {@code dataset/batches.json} artifact. */
    static final int MAX_BATCHES_IN_OUTPUTS = 50;

    private static final Set<String> KEYS = Set.of("source", "target", "newest", "window", "split");

    @Override
    public String type() {
        return "ingest.csv";
    }

    @Override
    public TaskResult run(TaskContext context) {
        TaskConfig config = context.config();
        ConfigKeys.requireKnown(config, KEYS);
        String source = config.string("source");
        String target = config.string("target");
        BatchSelection selection = new BatchSelection(config.has("newest") ? config.integer("newest", 1) : null,
                config.optString("window").map(w -> parseWindow(config, w)).orElse(null));
        HoldoutSplit split = splitOf(config.section("split"));

        List<BatchFile> batches = selection.select(BatchFinder.find(context.workflowDir(), source),
                context.logicalDate(), source);
        Path snapshot = context.artifactDir().resolve("data.csv");
        DatasetManifest manifest = new CsvUnion().write(batches, snapshot);
        ArtifactRef data = context.logArtifact("dataset/data.csv", snapshot);
        Path manifestFile = context.artifactDir().resolve("batches.json");
        manifest.write(manifestFile);
        ArtifactRef manifestRef = context.logArtifact("dataset/batches.json", manifestFile);
        context.log().info("ingested {} batch(es) from {}: {} rows, {} columns, sha256 {}", batches.size(), source,
                manifest.rows(), manifest.columns().size(), data.sha256());
        manifest.batches().forEach(b -> context.log().info("  batch {} ({} rows, modified {}, sha256 {})", b.file(),
                b.rows(), b.modified(), b.sha256()));

        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("dataset_uri", data.uri());
        outputs.put("dataset_path", snapshot.toString());
        outputs.put("dataset_sha256", data.sha256());
        outputs.put("source", batches.size() == 1 ? batches.get(0).path().toString() : source);
        outputs.put("rows", manifest.rows());
        outputs.put("columns", manifest.columns().size());
        outputs.put("column_names", manifest.columns());
        outputs.put("target", target);
        outputs.put("batch_count", batches.size());
        outputs.put("batches", batchList(manifest.batches()));
        outputs.put("manifest_path", manifestFile.toString());
        outputs.put("manifest_uri", manifestRef.uri());
        if (split != null) {
            outputs.putAll(writeSplit(context, split, snapshot));
        }
        return TaskResult.of(outputs);
    }

    private static Duration parseWindow(TaskConfig config, String text) {
        try {
            return Durations.parse(text);
        } catch (RuntimeException e) {
            throw config.error("window", e.getMessage());
        }
    }

    private static List<String> batchList(List<BatchSpan> batches) {
        List<String> files = new ArrayList<>();
        for (int i = 0; i < batches.size(); i++) {
            if (i == MAX_BATCHES_IN_OUTPUTS) {
                files.add("… and " + (batches.size() - i) + " more (see dataset/batches.json)");
                break;
            }
            files.add(batches.get(i).file());
        }
        return files;
    }

    private static Map<String, Object> writeSplit(TaskContext context, HoldoutSplit split, Path snapshot) {
        Path trainFile = context.artifactDir().resolve("train.csv");
        Path holdoutFile = context.artifactDir().resolve("holdout.csv");
        HoldoutSplit.Counts counts = split.write(snapshot, trainFile, holdoutFile);
        ArtifactRef train = context.logArtifact("dataset/train.csv", trainFile);
        ArtifactRef holdout = context.logArtifact("dataset/holdout.csv", holdoutFile);
        context.log().info("split {} / {} rows (holdout fraction {}, seed {})", counts.train(), counts.holdout(),
                split.fraction(), split.seed());
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("train_path", trainFile.toString());
        outputs.put("train_rows", counts.train());
        outputs.put("holdout_path", holdoutFile.toString());
        outputs.put("holdout_uri", holdout.uri());
        outputs.put("holdout_sha256", holdout.sha256());
        outputs.put("holdout_rows", counts.holdout());
        outputs.put("split_fraction", split.fraction());
        outputs.put("split_seed", split.seed());
        outputs.put("train_sha256", train.sha256());
        return outputs;
    }

    /** {@code split: {fraction: 0.2, seed: 42}}; null when the block is absent. */
    private static HoldoutSplit splitOf(TaskConfig section) {
        if (section.asMap().isEmpty()) {
            return null;
        }
        ConfigKeys.requireKnown(section, Set.of("fraction", "seed"));
        double fraction = section.number("fraction");
        int seed = section.integer("seed", 0);
        try {
            return new HoldoutSplit(fraction, seed);
        } catch (InvalidInputException e) {
            throw section.error("fraction", e.getMessage());
        }
    }
}
