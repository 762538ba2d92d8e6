package dev.freshet.tasks;

import dev.freshet.engine.Engine;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunQuery;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.TaskRun;
import dev.freshet.engine.run.TriggerRequest;
import dev.freshet.engine.testing.FreshetEngineExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A file-triggered workflow end to end on a running engine: ingest with {@code files: conf} reads exactly the files
 * that landed, and with {@code on_reject: quarantine} a batch that validation rejects moves into quarantine/.
 */
class FileTriggeredIngestTest {
    private static final Path WINE = Path.of("../workflows/data/wine-quality/white-train.csv");
    private static final Duration BOUND = Duration.ofSeconds(60);

    @RegisterExtension
    static final FreshetEngineExtension freshet = FreshetEngineExtension.builder()
            .workflow("landed.yaml", """
                    id: landed
                    trigger: { files: "landing/*.csv", settle: 100ms, on_reject: quarantine }
                    tasks:
                      - id: ingest
                        type: ingest.csv
                        with: { source: landing, target: quality, files: conf }
                      - id: validate
                        type: validate.data
                        needs: [ingest]
                        with:
                          min_rows: 10
                          schema:
                            quality: { type: integer, min: 0, max: 10 }
                    """)
            .configure(config -> config.withParallelism(2))
            .build();

    static Engine engine;
    static Path landing;
    static List<String> lines;

    @BeforeAll
    static void start() throws IOException {
        engine = freshet.engine();
        landing = Files.createDirectories(freshet.workflowsDir().resolve("landing"));
        lines = Files.readAllLines(WINE);
    }

    @Test
    void ingestReadsExactlyTheFilesTheRunWasStartedFor() throws IOException {
        land("day-1.csv", batch(0, 40, false));
        Run first = finished("landing/day-1.csv");
        land("day-2.csv", batch(40, 30, false));
        Run second = finished("landing/day-2.csv");

        assertThat(first.state()).isEqualTo(RunState.SUCCESS);
        assertThat(second.state()).isEqualTo(RunState.SUCCESS);
        Map<String, Object> ingested = task(second, "ingest").outputs();
        assertThat(ingested)
                .containsEntry("batch_count", 1)
                .containsEntry("rows", 30)
                .containsEntry("source", landing.resolve("day-2.csv").toString());
        assertThat(Files.readString(engine.logFile(second.runId(), "ingest", 1)))
                .contains("taking the 1 file(s) the run was started for (conf.files): [landing/day-2.csv]");
    }

    @Test
    void aRejectedBatchMovesIntoQuarantineAndTheValidateLogSaysSo() throws IOException {
        land("bad.csv", batch(100, 40, true));
        Run rejected = finished("landing/bad.csv");

        assertThat(rejected.state()).isEqualTo(RunState.FAILED);
        assertThat(task(rejected, "validate").state().wireName()).isEqualTo("failed");
        Path quarantined = landing.resolve("quarantine/bad.csv");
        await().atMost(BOUND).until(() -> Files.exists(quarantined));
        assertThat(landing.resolve("bad.csv")).doesNotExist();
        assertThat(Files.readAllLines(quarantined)).hasSize(41);
        assertThat(Files.readString(engine.logFile(rejected.runId(), "validate", 1)))
                .contains("on_reject: quarantine: the batch was rejected; moved landing/bad.csv to"
                        + " landing/quarantine/bad.csv");

        // Another rejected batch of the same name keeps the first one's content.
        land("bad.csv", batch(200, 40, true));
        await().atMost(BOUND).until(() -> Files.exists(landing.resolve("quarantine/bad-1.csv")));
        assertThat(runsFor("landing/bad.csv")).hasSize(2).allMatch(run -> run.state() == RunState.FAILED);
        assertThat(Files.readAllLines(quarantined).get(1)).isEqualTo(badRow(100));
    }

    /** A run started by hand may list anything: each listed path must be a file, and listed once. */
    @Test
    void aFileListedTwiceOrAFolderInConfFilesFailsIngestNamingIt() throws IOException {
        Path byHand = Files.createDirectories(freshet.workflowsDir().resolve("by-hand"));
        Files.writeString(byHand.resolve("twice.csv"), batch(300, 40, false));
        Files.createDirectories(byHand.resolve("folder.csv"));

        TaskRun twice = ingestOf(List.of("by-hand/twice.csv", "by-hand/../by-hand/twice.csv"));
        assertThat(twice.state().wireName()).isEqualTo("failed");
        assertThat(twice.error())
                .contains("conf.files: by-hand/../by-hand/twice.csv names a file listed already")
                .contains(byHand.resolve("twice.csv").toString());
        TaskRun folder = ingestOf(List.of("by-hand/folder.csv"));
        assertThat(folder.state().wireName()).isEqualTo("failed");
        assertThat(folder.error()).contains("conf.files: by-hand/folder.csv (", ") is a folder, not a file");
    }

    private static TaskRun ingestOf(List<String> files) {
        String runId = engine.runs()
                .trigger(TriggerRequest.manual("landed", Map.of("files", files), "test"))
                .runId();
        await().atMost(BOUND).until(() -> engine.runs().run(runId).state().isTerminal());
        return task(engine.runs().run(runId), "ingest");
    }

    private static String badRow(int index) {
        String row = lines.get(1 + index);
        return row.substring(0, row.lastIndexOf(',') + 1) + "42";
    }

    private static String batch(int from, int count, boolean bad) {
        StringBuilder csv = new StringBuilder(lines.get(0)).append('\n');
        for (int i = from; i < from + count; i++) {
            csv.append(bad ? badRow(i) : lines.get(1 + i)).append('\n');
        }
        return csv.toString();
    }

    /** Written beside the landing folder and moved in at once. */
    private static void land(String name, String content) throws IOException {
        Path staged = Files.writeString(freshet.workflowsDir().resolve(name + ".part"), content);
        Files.move(staged, landing.resolve(name));
    }

    private static Run finished(String file) {
        return await().atMost(BOUND)
                .until(() -> runFor(file).filter(run -> run.state().isTerminal()), Optional::isPresent)
                .orElseThrow();
    }

    private static Optional<Run> runFor(String file) {
        return runsFor(file).stream().findFirst();
    }

    private static List<Run> runsFor(String file) {
        return engine.runs().runs(new RunQuery("landed", null, null, 100, 0)).runs().stream()
                .filter(run -> List.of(file).equals(run.conf().get("files")))
                .toList();
    }

    private static TaskRun task(Run run, String taskId) {
        return engine.runs().taskRuns(run.runId()).stream()
                .filter(t -> t.taskId().equals(taskId))
                .findFirst()
                .orElseThrow();
    }
}
