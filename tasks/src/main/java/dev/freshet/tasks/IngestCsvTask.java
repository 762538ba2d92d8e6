package dev.freshet.tasks;

import dev.freshet.engine.error.InvalidInputException;
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
import dev.freshet.tasks.data.DatasetManifest;
import dev.freshet.tasks.data.HoldoutMask;
import dev.freshet.tasks.data.HoldoutSplit;
import dev.freshet.tasks.data.SnapshotIngest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ingest.csv {source, target, newest, window, split}}: takes the batch files {@code source} names (a file, a
 * folder of {@code *.csv} and {@code *.parquet}, or a glob), keeps those modified inside {@code window} ending at
 * the run's logical date and of those the {@code newest} N, reads them once and snapshots their union into the
 * run's artifacts as one Parquet file with its sha256 ({@link SnapshotIngest}), so every later task (and the
 * model's lineage) reads exactly the data this run saw, without parsing the batches again. With
 * {@code split: {fraction, seed}} it also records a seeded, row-stable train/holdout split as a row mask. With
 * {@code files: conf} a run started by a file trigger reads exactly the files that landed ({@link TriggeredFiles}).
 *
 * <p>Checking the values is validate's job; an empty, unreadable or malformed batch, or one whose header differs
 * from the others', fails here, naming the file and line.
 */
public final class IngestCsvTask implements TaskType {
    /**
     * The longest list of column names put in the outputs (as JSON, about), half of what a task's outputs may take: a
     * data set of thousands of columns has them in its manifest instead.
     */
    static final int MAX_COLUMN_NAMES_CHARS = 50_000;

    /** The longest column name taken. */
    static final int MAX_COLUMN_NAME_CHARS = 1_000;

    /** Outputs stay small: longer batch lists are in the {@code dataset/batches.json} artifact. */
    static final int MAX_BATCHES_IN_OUTPUTS = 50;

    private static final Set<String> KEYS = Set.of("source", "target", "newest", "window", "split", TriggeredFiles.KEY);

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
        BatchSelection selection = new BatchSelection(
                config.has("newest") ? config.integer("newest", 1) : null,
                config.optString("window").map(w -> parseWindow(config, w)).orElse(null));
        HoldoutSplit split = splitOf(config.section("split"));

        List<BatchFile> batches = TriggeredFiles.of(context, config)
                .orElseGet(() -> selection.select(
                        BatchFinder.find(context.workflowDir(), source), context.logicalDate(), source));
        Path snapshot = context.artifactDir().resolve("data.parquet");
        SnapshotIngest.Result ingested =
                new SnapshotIngest(m -> context.log().info("{}", m)).write(batches, split, snapshot);
        DatasetManifest manifest = ingested.manifest();
        checkNameLengths(manifest);
        ArtifactRef data = context.logArtifact("dataset/data.parquet", snapshot, ingested.snapshotSha256());
        Path scanFile = context.artifactDir().resolve("scan.json");
        ingested.scan().write(scanFile);
        ArtifactRef scanRef = context.logArtifact("dataset/scan.json", scanFile);
        Path manifestFile = context.artifactDir().resolve("batches.json");
        manifest.write(manifestFile);
        ArtifactRef manifestRef = context.logArtifact("dataset/batches.json", manifestFile);
        context.log()
                .info(
                        "ingested {} batch(es) from {}: {} rows, {} columns, sha256 {}",
                        batches.size(),
                        source,
                        manifest.rows(),
                        manifest.columns().size(),
                        data.sha256());
        manifest.batches()
                .forEach(b -> context.log()
                        .info(
                                "  batch {} ({} rows, modified {}, sha256 {})",
                                b.file(),
                                b.rows(),
                                b.modified(),
                                b.sha256()));

        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("dataset_uri", data.uri());
        outputs.put("dataset_path", snapshot.toString());
        outputs.put("dataset_sha256", data.sha256());
        outputs.put("dataset_format", "parquet");
        outputs.put("scan_path", scanFile.toString());
        outputs.put("scan_uri", scanRef.uri());
        outputs.put("parser", ingested.parser());
        outputs.put("source", batches.size() == 1 ? batches.get(0).path().toString() : source);
        outputs.put("rows", manifest.rows());
        outputs.put("columns", manifest.columns().size());
        int namesLength =
                manifest.columns().stream().mapToInt(n -> n.length() + 3).sum();
        if (namesLength <= MAX_COLUMN_NAMES_CHARS) {
            outputs.put("column_names", manifest.columns());
        } else {
            context.log()
                    .warn(
                            "column_names left out of the outputs: {} names take about {} characters, more than {};"
                                    + " {} lists them",
                            manifest.columns().size(),
                            namesLength,
                            MAX_COLUMN_NAMES_CHARS,
                            manifestRef.uri());
        }
        outputs.put("target", target);
        outputs.put("batch_count", batches.size());
        outputs.put("batches", batchList(manifest.batches()));
        outputs.put("manifest_path", manifestFile.toString());
        outputs.put("manifest_uri", manifestRef.uri());
        if (split != null) {
            outputs.putAll(writeSplit(context, split, ingested.mask(), snapshot));
        }
        return TaskResult.of(outputs);
    }

    /** Column names go into every artifact, report and output as keys; longer ones are refused, naming the file. */
    private static void checkNameLengths(DatasetManifest manifest) {
        List<String> columns = manifest.columns();
        for (int j = 0; j < columns.size(); j++) {
            int length = columns.get(j).length();
            if (length > MAX_COLUMN_NAME_CHARS) {
                String file = manifest.batches().get(0).file();
                throw new InvalidInputException(file + (file.endsWith(".csv") ? ":1" : "") + ": column name " + (j + 1)
                        + " is "
                        + length + " characters long ('" + columns.get(j).substring(0, 40) + "…'); at most "
                        + MAX_COLUMN_NAME_CHARS + " are allowed");
            }
        }
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

    private static Map<String, Object> writeSplit(
            TaskContext context, HoldoutSplit split, HoldoutMask mask, Path snapshot) {
        int holdoutRows = mask.holdoutRows();
        int trainRows = mask.rows() - holdoutRows;
        if (trainRows == 0 || holdoutRows == 0) {
            throw new InvalidInputException(snapshot + ": a split of " + split.fraction()
                    + " (seed " + split.seed() + ") leaves " + trainRows + " training and " + holdoutRows
                    + " holdout rows; both need at least one");
        }
        Path maskFile = context.artifactDir().resolve("split.mask");
        mask.write(maskFile);
        ArtifactRef ref = context.logArtifact("dataset/split.mask", maskFile);
        context.log()
                .info(
                        "split {} / {} rows (holdout fraction {}, seed {}), recorded as a row mask",
                        trainRows,
                        holdoutRows,
                        split.fraction(),
                        split.seed());
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("train_rows", trainRows);
        outputs.put("holdout_rows", holdoutRows);
        outputs.put("split_fraction", split.fraction());
        outputs.put("split_seed", split.seed());
        outputs.put("split_mask_path", maskFile.toString());
        outputs.put("split_mask_uri", ref.uri());
        outputs.put("split_mask_sha256", ref.sha256());
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
