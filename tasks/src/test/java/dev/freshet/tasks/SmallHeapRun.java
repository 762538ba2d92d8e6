package dev.freshet.tasks;

import dev.freshet.tasks.data.DatasetScan;
import dev.freshet.tasks.data.Progress;
import dev.freshet.tasks.data.Schema;
import dev.freshet.tasks.data.SnapshotData;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Runs ingest (with a split), the validation statistics, train and evaluate on {@code data.csv} in the folder given,
 * in this JVM: {@link SmallHeapRunTest} starts it with a heap smaller than the data as doubles.
 */
public final class SmallHeapRun {
    private SmallHeapRun() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Map<String, Object> ingest = new IngestCsvTask()
                .run(FakeTaskContext.standalone(
                        "ingest",
                        Map.of("source", "data.csv", "target", "y", "split", Map.of("fraction", 0.2, "seed", 7)),
                        dir,
                        Files.createDirectories(dir.resolve("ingest")),
                        Instant.now()))
                .outputs();
        new SnapshotData(
                        Path.of(ingest.get("dataset_path").toString()),
                        DatasetScan.read(Path.of(ingest.get("scan_path").toString())),
                        Progress.silent())
                .profile(Schema.EMPTY, 10_000);
        Map<String, Object> train = new TrainElasticNetTask()
                .run(new FakeTaskContext(
                        "run-1",
                        "wf",
                        "train",
                        Map.of("alpha", 0.1, "l1_ratio", 0.5),
                        Map.of("ingest", ingest),
                        null,
                        Files.createDirectories(dir.resolve("train"))))
                .outputs();
        Map<String, Object> evaluate = new EvaluateRegressionTask()
                .run(new FakeTaskContext(
                        "run-1",
                        "wf",
                        "evaluate",
                        Map.of("compare_to", "none"),
                        Map.of("ingest", ingest, "train", train),
                        null,
                        Files.createDirectories(dir.resolve("evaluate"))))
                .outputs();
        System.out.println("rows=" + ingest.get("rows") + " training_rows=" + train.get("training_rows")
                + " holdout_rows=" + evaluate.get("holdout_rows") + " rmse=" + evaluate.get("rmse")
                + " max_heap_mb=" + Runtime.getRuntime().maxMemory() / (1 << 20));
    }
}
