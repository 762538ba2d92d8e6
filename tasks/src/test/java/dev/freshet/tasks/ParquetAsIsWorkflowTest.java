package dev.freshet.tasks;

import dev.freshet.engine.Engine;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.TaskRun;
import dev.freshet.engine.run.TriggerRequest;
import dev.freshet.engine.testing.FreshetEngineExtension;
import dev.freshet.engine.tracking.Sha256;
import dev.freshet.tasks.data.DuckDb;
import dev.freshet.tasks.data.parquet.SnapshotParquetFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wine data as one Parquet batch, which ingest takes as the snapshot as it is, trains and scores exactly as its
 * CSV twin does and as the same rows in two Parquet batches, which ingest rewrites.
 */
class ParquetAsIsWorkflowTest {
    private static final Path TRAIN = Path.of("../workflows/data/wine-quality/white-train.csv");
    private static final Path TEST = Path.of("../workflows/data/wine-quality/white-test.csv");

    @RegisterExtension
    static final FreshetEngineExtension freshet = FreshetEngineExtension.builder()
            .workflow("split.yaml", """
                    id: split
                    params: { source: none }
                    tasks:
                      - id: ingest
                        type: ingest.csv
                        with: { source: "{{ params.source }}", target: quality, split: { fraction: 0.25, seed: 7 } }
                      - id: train
                        type: train.elasticnet
                        needs: [ingest]
                        with: { alpha: 0.5, l1_ratio: 0.5 }
                      - id: evaluate
                        type: evaluate.regression
                        needs: [train]
                        with: {}
                    """)
            .workflow(
                    "holdout.yaml", home -> """
                    id: holdout
                    params: { source: none }
                    tasks:
                      - id: ingest
                        type: ingest.csv
                        with: { source: "{{ params.source }}", target: quality }
                      - id: train
                        type: train.elasticnet
                        needs: [ingest]
                        with: { alpha: 0.5, l1_ratio: 0.5 }
                      - id: evaluate
                        type: evaluate.regression
                        needs: [train]
                        with: { holdout: "%s" }
                    """.formatted(TEST.toAbsolutePath().normalize()))
            .configure(config -> config.withParallelism(2))
            .build();

    static Engine engine;
    static Path csv;
    /** lz4 pages, which the project's reader leaves to DuckDB: the batch is taken as it is. */
    static Path parquet;
    /** zstd pages, which the project's reader takes: the batch is rewritten in the snapshot's own layout. */
    static Path recodable;

    static Path halves;

    @BeforeAll
    static void start() throws Exception {
        engine = freshet.engine();
        Path data = Files.createDirectories(freshet.home().resolve("data"));
        csv = Files.copy(TRAIN, data.resolve("white-train.csv"));
        parquet = data.resolve("white-train.parquet");
        recodable = data.resolve("white-train-zstd.parquet");
        halves = Files.createDirectories(data.resolve("halves"));
        String rows = "SELECT * FROM read_csv(" + DuckDb.literal(csv.toString()) + ", header = true)";
        try (DuckDb db = DuckDb.open()) {
            db.execute("COPY (" + rows + ") TO " + DuckDb.literal(parquet.toString())
                    + " (FORMAT parquet, COMPRESSION lz4)");
            db.execute("COPY (" + rows + ") TO " + DuckDb.literal(recodable.toString())
                    + " (FORMAT parquet, COMPRESSION zstd)");
            db.execute("COPY (" + rows + " LIMIT 2000) TO "
                    + DuckDb.literal(halves.resolve("a.parquet").toString()) + " (FORMAT parquet)");
            db.execute("COPY (" + rows + " OFFSET 2000) TO "
                    + DuckDb.literal(halves.resolve("b.parquet").toString()) + " (FORMAT parquet)");
        }
        Instant now = Instant.now();
        Files.setLastModifiedTime(halves.resolve("a.parquet"), FileTime.from(now.minusSeconds(60)));
        Files.setLastModifiedTime(halves.resolve("b.parquet"), FileTime.from(now));
    }

    @Test
    void aParquetBatchUsedAsItIsScoresAsItsCsvTwinAndItsSnapshotIsItsOwnBytes() throws Exception {
        Run fromCsv = run("holdout", csv);
        Run fromParquet = run("holdout", parquet);

        Map<String, Object> fromCsvIngest = task(fromCsv, "ingest").outputs();
        assertThat(fromCsvIngest).containsEntry("parser", "parallel");
        assertThat(fromCsvIngest.get("dataset_sha256"))
                .isEqualTo(Sha256.of(Path.of(fromCsvIngest.get("dataset_path").toString())));
        Map<String, Object> ingested = task(fromParquet, "ingest").outputs();
        assertThat(ingested).containsEntry("parser", "as-is").containsEntry("rows", 3673);
        String sha256 = Sha256.of(parquet);
        assertThat(ingested).containsEntry("dataset_sha256", sha256);
        assertThat(Sha256.of(Path.of(ingested.get("dataset_path").toString()))).isEqualTo(sha256);
        assertThat(scores(fromParquet)).isEqualTo(scores(fromCsv)).containsKeys("rmse", "mae", "r2");
    }

    @Test
    void aParquetBatchTheProjectsReaderTakesIsRewrittenInTheSnapshotsOwnLayoutAndScoresAsItsCsvTwin() throws Exception {
        Run fromCsv = run("holdout", csv);
        Run fromParquet = run("holdout", recodable);

        Map<String, Object> ingested = task(fromParquet, "ingest").outputs();
        assertThat(ingested).containsEntry("parser", "recoded").containsEntry("rows", 3673);
        assertThat(ingested.get("dataset_sha256"))
                .isNotEqualTo(Sha256.of(recodable))
                .isEqualTo(Sha256.of(Path.of(ingested.get("dataset_path").toString())));
        try (SnapshotParquetFile snapshot = SnapshotParquetFile.open(
                        Path.of(ingested.get("dataset_path").toString()))
                .orElseThrow()) {
            assertThat(snapshot.own())
                    .as("written in the snapshot's own layout")
                    .isTrue();
        }
        assertThat(scores(fromParquet)).isEqualTo(scores(fromCsv)).containsKeys("rmse", "mae", "r2");
    }

    @Test
    void aParquetBatchUsedAsItIsSplitsAndScoresAsTheSameRowsRewritten() throws Exception {
        Run asIs = run("split", parquet);
        Run rewritten = run("split", halves);

        assertThat(task(asIs, "ingest").outputs()).containsEntry("parser", "as-is");
        assertThat(task(rewritten, "ingest").outputs()).containsEntry("parser", "recoded");
        assertThat(task(asIs, "ingest").outputs().get("split_mask_sha256"))
                .isEqualTo(task(rewritten, "ingest").outputs().get("split_mask_sha256"));
        assertThat(scores(asIs)).isEqualTo(scores(rewritten)).containsKeys("rmse", "mae", "r2");
    }

    private static Run run(String workflow, Path source) throws InterruptedException {
        Run run = engine.runs().trigger(TriggerRequest.manual(workflow, Map.of("source", source.toString()), "test"));
        Run done = engine.runs().awaitRun(run.runId(), Duration.ofMinutes(2));
        assertThat(done.state()).as("run of %s on %s", workflow, source).isEqualTo(RunState.SUCCESS);
        return done;
    }

    /** The run's metrics but the fit's time. */
    private static Map<String, Double> scores(Run run) {
        Map<String, Double> metrics = new TreeMap<>(engine.tracking().metrics(run.runId()));
        metrics.remove("train_seconds");
        return metrics;
    }

    private static TaskRun task(Run run, String taskId) {
        return engine.runs().taskRuns(run.runId()).stream()
                .filter(t -> t.taskId().equals(taskId))
                .findFirst()
                .orElseThrow();
    }
}
