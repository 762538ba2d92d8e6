package dev.freshet.engine.trigger;

import dev.freshet.engine.Engine;
import dev.freshet.engine.EngineConfig;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunQuery;
import dev.freshet.engine.run.RunType;
import dev.freshet.engine.testdb.TestDatabase;
import dev.freshet.engine.testdb.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Files landing for a workflow's file trigger, through running engines and their database: each file content starts
 * exactly one run, also with two engines watching the same folder over one database, and also after a restart.
 */
@ExtendWith(TestDatabases.class)
class FileTriggerTest {
    private static final Duration BOUND = Duration.ofSeconds(30);
    static TestDatabase database;

    @BeforeAll
    static void pickDatabase(TestDatabase testDatabase) {
        database = testDatabase;
    }

    @TempDir
    Path root;

    @Test
    void aLandedFileStartsExactlyOneRunThatNamesItInConfFiles() throws IOException {
        Path workflows = workflows("landed");
        try (Engine engine = start(root.resolve("node"), database.url(root.resolve("node")), "freshet", workflows)) {
            land(workflows, "batch-1.csv");
            Run first = await().atMost(BOUND)
                    .until(() -> runs(engine), runs -> runs.size() == 1)
                    .get(0);

            assertThat(first.runType()).isEqualTo(RunType.DATASET_TRIGGERED);
            assertThat(first.conf()).containsEntry("files", List.of("landing/batch-1.csv"));
            assertThat(first.params()).containsEntry("files", List.of("landing/batch-1.csv"));

            // The next file's run shows that the watch went on looking without taking the first file again.
            land(workflows, "batch-2.csv");
            List<Run> runs = await().atMost(BOUND).until(() -> runs(engine), r -> r.size() == 2);

            assertThat(runs.get(1).conf()).containsEntry("files", List.of("landing/batch-2.csv"));
            await().atMost(BOUND)
                    .until(() -> runs(engine).stream().allMatch(r -> r.state().isTerminal()));
        }
    }

    @Test
    void aRestartedEngineDoesNotStartARunForAFileTakenBefore() throws IOException {
        Path workflows = workflows("landed");
        Path home = root.resolve("node");
        land(workflows, "batch-1.csv");
        try (Engine engine = start(home, database.url(home), "freshet", workflows)) {
            await().atMost(BOUND).until(() -> runs(engine).size() == 1);
        }

        try (Engine restarted = start(home, database.url(home), "freshet", workflows)) {
            land(workflows, "batch-2.csv");
            List<Run> runs = await().atMost(BOUND).until(() -> runs(restarted), r -> r.size() == 2);

            assertThat(runs.get(1).conf()).containsEntry("files", List.of("landing/batch-2.csv"));
        }
    }

    @Test
    void twoEnginesWatchingOneFolderOverOneDatabaseStartExactlyOneRunPerFile() throws IOException {
        Path workflows = workflows("landed");
        String url = database.url(root.resolve("node-a"));
        List<String> taken = new ArrayList<>();
        try (Engine a = start(root.resolve("node-a"), url, "node-a", workflows);
                Engine b = start(root.resolve("node-b"), url, "node-b", workflows)) {
            for (int i = 1; i <= 3; i++) {
                land(workflows, "batch-" + i + ".csv");
                int expected = i;
                await().atMost(BOUND).until(() -> runs(a).size() >= expected);
            }
            // Both have looked at least once more after the last file was taken.
            land(workflows, "batch-4.csv");
            List<Run> runs = await().atMost(BOUND).until(() -> runs(b), r -> r.size() >= 4);
            runs.forEach(run -> taken.addAll(fileList(run)));
            await().atMost(BOUND)
                    .until(() -> runs(a).stream().allMatch(r -> r.state().isTerminal()));
        }

        assertThat(taken)
                .containsExactlyInAnyOrder(
                        "landing/batch-1.csv", "landing/batch-2.csv", "landing/batch-3.csv", "landing/batch-4.csv");
    }

    private Path workflows(String id) throws IOException {
        Path dir = Files.createDirectories(root.resolve("workflows"));
        Files.createDirectories(dir.resolve("landing"));
        Files.writeString(dir.resolve(id + ".yaml"), """
                id: %s
                trigger: { files: "landing/*.csv", settle: 200ms }
                tasks: [{id: a, type: noop}]
                """.formatted(id));
        return dir;
    }

    private static Engine start(Path home, String url, String schedulerName, Path workflows) {
        return Engine.start(EngineConfig.defaults(home)
                .withDatabaseUrl(url)
                .withSchedulerName(schedulerName)
                .withWorkflowsDir(workflows)
                .withParallelism(2)
                .withClock(Clock.systemUTC()));
    }

    /** Written beside and moved in, as a careful producer does; the settle time covers the careless ones. */
    private static void land(Path workflows, String name) throws IOException {
        Path staged = Files.writeString(workflows.resolve(name + ".part"), "x,y\n1,2\n" + name + "\n");
        Files.move(staged, workflows.resolve("landing").resolve(name));
    }

    private static List<Run> runs(Engine engine) {
        return engine.runs().runs(new RunQuery("landed", null, null, 100, 0)).runs().stream()
                .sorted(Comparator.comparing(Run::queuedAt).thenComparing(Run::runId))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> fileList(Run run) {
        return (List<String>) run.conf().get("files");
    }
}
