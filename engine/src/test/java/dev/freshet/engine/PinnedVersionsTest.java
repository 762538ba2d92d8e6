package dev.freshet.engine;

import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.TaskRun;
import dev.freshet.engine.run.TaskState;
import dev.freshet.engine.run.TriggerRequest;
import dev.freshet.engine.store.Database;
import dev.freshet.engine.testdb.TestDatabase;
import dev.freshet.engine.testdb.TestDatabases;
import dev.freshet.engine.workflow.Workflow;
import dev.freshet.engine.workflow.WorkflowVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs pinned to the workflow version they started with, and one view of a workflows folder, with three engines on
 * one database: {@code a} and {@code b} read one shared folder, {@code c} a copy of its own that may lag behind. On H2
 * here, on PostgreSQL in {@link PinnedVersionsOnPostgresTest}.
 */
@ExtendWith(TestDatabases.class)
class PinnedVersionsTest {
    private static final Duration WITHIN = Duration.ofSeconds(10);

    @TempDir
    static Path root;

    static Path shared;
    static Path lagging;
    static Engine a;
    static Engine b;
    static Engine c;
    static TestDatabase database;

    @BeforeAll
    static void start(TestDatabase testDatabase) throws IOException {
        database = testDatabase;
        shared = Files.createDirectories(root.resolve("shared"));
        lagging = Files.createDirectories(root.resolve("lagging"));
        write(shared, "evolving.yaml", evolving("old"));
        write(shared, "fragile.yaml", fragile(""));
        write(shared, "sturdy.yaml", "id: sturdy\ntasks:\n  - {id: only, type: noop}\n");
        write(shared, "model.yaml", model(1));
        write(lagging, "model.yaml", model(1));
        Path homeA = root.resolve("node-a");
        String url = database.url(homeA);
        a = Engine.start(node(homeA, url, shared, "pinned-a"));
        b = Engine.start(node(root.resolve("node-b"), url, shared, "pinned-b"));
        c = Engine.start(node(root.resolve("node-c"), url, lagging, "pinned-c"));
    }

    private static EngineConfig node(Path home, String url, Path workflows, String schedulerName) {
        return EngineConfig.defaults(home)
                .withDatabaseUrl(url)
                .withWorkflowsDir(workflows)
                .withClustered(true)
                .withSchedulerName(schedulerName)
                .withParallelism(2);
    }

    @AfterAll
    static void stop() {
        for (Engine engine : new Engine[] {c, b, a}) {
            if (engine != null) {
                engine.close();
            }
        }
    }

    /** Task {@code wait} holds the run until the test creates its gate file; {@code b} prints which version it is. */
    private static String evolving(String version) {
        String extra = version.equals("old") ? "" : "  - {id: c, type: noop, needs: [b]}\n";
        return """
                id: evolving
                tasks:
                  - {id: wait, type: shell, with: {command: "while [ ! -f gate-$RUN ]; do sleep 0.05; done", cwd: "%s"}}
                  - {id: b, type: shell, needs: [wait], with: {command: "echo b is %s"}}
                """.formatted(root, version).replace("$RUN", "{{ run.id }}") + extra;
    }

    private static String fragile(String comment) {
        return """
                id: fragile
                tasks:
                  - {id: wait, type: shell, with: {command: "while [ ! -f gate-{{ run.id }} ]; do sleep 0.05; done", cwd: "%s"}}
                  - {id: after, type: noop, needs: [wait]}
                """.formatted(root) + comment;
    }

    private static String logText(Engine engine, String runId, String taskId, int tryNumber) {
        return engine.tryLog(runId, taskId, tryNumber)
                .map(log -> new String(log.read(0, (int) log.size()), java.nio.charset.StandardCharsets.UTF_8))
                .orElse("");
    }

    private static String model(int version) {
        return "id: model\ndescription: version %d\ntasks:\n  - {id: only, type: noop}\n".formatted(version);
    }

    @Test
    void aRunKeepsTheVersionItStartedWithWhileTheFileChangesAndTheNextRunTakesTheNewOne() throws Exception {
        String oldHash = a.workflow("evolving").orElseThrow().sourceHash();
        Run first = a.runs().trigger(TriggerRequest.manual("evolving", Map.of(), "test"));
        awaitTask(a, first, "wait", TaskState.RUNNING);

        write(shared, "evolving.yaml", evolving("new"));
        String newHash = awaitNewVersion(a, "evolving", oldHash);
        await().atMost(WITHIN)
                .alias("the other node on the shared folder sees the change within seconds")
                .until(() -> b.workflow("evolving").orElseThrow().sourceHash().equals(newHash));
        Files.createFile(root.resolve("gate-" + first.runId()));

        Run done = a.runs().awaitRun(first.runId(), WITHIN);
        assertThat(done.state()).isEqualTo(RunState.SUCCESS);
        assertThat(done.workflowHash()).isEqualTo(oldHash);
        assertThat(a.runs().taskRuns(first.runId())).extracting(TaskRun::taskId).containsExactlyInAnyOrder("wait", "b");
        assertThat(Files.readString(a.logFile(first.runId(), "b", 1))).contains("b is old");

        // Another node that runs a task of the run again follows the run's version too, not the file's.
        b.runs().clear(first.runId(), List.of("b"), false);
        assertThat(b.runs().awaitRun(first.runId(), WITHIN).state()).isEqualTo(RunState.SUCCESS);
        // either node may run the try again: its log is read where it is, the file or the chunks shipped from it
        await().atMost(WITHIN)
                .untilAsserted(
                        () -> assertThat(logText(b, first.runId(), "b", 2)).contains("b is old"));

        Run second = a.runs().trigger(TriggerRequest.manual("evolving", Map.of(), "test"));
        Files.createFile(root.resolve("gate-" + second.runId()));
        assertThat(a.runs().awaitRun(second.runId(), WITHIN).state()).isEqualTo(RunState.SUCCESS);
        assertThat(second.workflowHash()).isEqualTo(newHash);
        assertThat(a.runs().taskRuns(second.runId()))
                .extracting(TaskRun::taskId)
                .containsExactlyInAnyOrder("wait", "b", "c");
        assertThat(Files.readString(a.logFile(second.runId(), "b", 1))).contains("b is new");

        assertThat(a.workflowVersions("evolving"))
                .extracting(WorkflowVersion::hash)
                .containsExactly(oldHash, newHash);
        assertThat(a.workflowVersion("evolving", oldHash.substring(0, 7)).text())
                .contains("b is old");
    }

    @Test
    void aRunWhoseVersionNoLongerParsesSkipsItsWaitingTasksAndFails() throws Exception {
        String oldHash = a.workflow("fragile").orElseThrow().sourceHash();
        Run run = a.runs().trigger(TriggerRequest.manual("fragile", Map.of(), "test"));
        awaitTask(a, run, "wait", TaskState.RUNNING);
        try (Database opened = database.open(root.resolve("node-a"));
                Connection connection = opened.dataSource().getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE workflow_versions SET source_text = ? WHERE workflow_id = ? AND source_hash = ?")) {
            update.setString(1, "id: fragile\ntasks: [");
            update.setString(2, "fragile");
            update.setString(3, oldHash);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        write(shared, "fragile.yaml", fragile("# edited\n"));
        awaitNewVersion(a, "fragile", oldHash);

        Files.createFile(root.resolve("gate-" + run.runId()));
        Run done = a.runs().awaitRun(run.runId(), WITHIN);

        assertThat(done.state()).isEqualTo(RunState.FAILED);
        TaskRun after = a.runs().taskRuns(run.runId()).stream()
                .filter(t -> t.taskId().equals("after"))
                .findFirst()
                .orElseThrow();
        assertThat(after.state()).isEqualTo(TaskState.SKIPPED);
        assertThat(after.error()).contains("can no longer be read");
    }

    @Test
    void aBrokenFileKeepsServingItsLastGoodVersionOnEveryNode() throws Exception {
        String good = a.workflow("sturdy").orElseThrow().sourceHash();
        write(shared, "sturdy.yaml", "id: sturdy\ntasks: [\n");

        for (Engine node : List.of(a, b)) {
            await().atMost(WITHIN)
                    .until(() -> node.workflowErrors().keySet().stream()
                            .anyMatch(file -> file.getFileName().toString().equals("sturdy.yaml")));
            assertThat(node.workflow("sturdy").orElseThrow().sourceHash()).isEqualTo(good);
        }
        assertThat(a.workflowVersions("sturdy"))
                .extracting(WorkflowVersion::hash)
                .containsExactly(good);

        write(shared, "sturdy.yaml", "id: sturdy\ntasks:\n  - {id: only, type: noop}\n");
        await().atMost(WITHIN)
                .until(() -> a.workflowErrors().isEmpty() && b.workflowErrors().isEmpty());
    }

    @Test
    void aNodeWithAStaleCopyServesTheCurrentVersionAndNeverMovesItBack() throws Exception {
        String v1 = c.workflow("model").orElseThrow().sourceHash();

        write(shared, "model.yaml", model(2));
        String v2 = awaitNewVersion(a, "model", v1);
        await().atMost(WITHIN)
                .alias("the lagging node learns of the new version from the database, not from its copy")
                .until(() -> c.workflow("model").orElseThrow().sourceHash().equals(v2));
        assertThat(c.workflow("model").orElseThrow().description()).isEqualTo("version 2");
        assertThat(c.workflowErrors())
                .hasEntrySatisfying(
                        lagging.resolve("model.yaml"),
                        problems -> assertThat(problems.get(0).message()).contains("superseded"));
        Run fromStaleNode = c.runs().trigger(TriggerRequest.manual("model", Map.of(), "test"));
        assertThat(fromStaleNode.workflowHash()).isEqualTo(v2);
        assertThat(a.workflow("model").orElseThrow().sourceHash())
                .as("the stale copy did not move the current version back")
                .isEqualTo(v2);

        write(lagging, "model.yaml", model(2));
        await().atMost(WITHIN).until(() -> c.workflowErrors().isEmpty());

        // A revert on the shared folder is a change its nodes saw happen: it becomes current, and the lagging node,
        // whose copy is now the superseded version, follows it.
        write(shared, "model.yaml", model(1));
        await().atMost(WITHIN)
                .until(() -> a.workflow("model").orElseThrow().sourceHash().equals(v1));
        await().atMost(WITHIN)
                .until(() -> c.workflow("model").orElseThrow().sourceHash().equals(v1));
        await().atMost(WITHIN)
                .until(() -> b.workflow("model").orElseThrow().sourceHash().equals(v1));
        assertThat(c.runs().awaitRun(fromStaleNode.runId(), WITHIN).state()).isEqualTo(RunState.SUCCESS);
    }

    private static String awaitNewVersion(Engine engine, String workflowId, String oldHash) {
        await().atMost(WITHIN)
                .until(() -> !engine.workflow(workflowId)
                        .map(Workflow::sourceHash)
                        .orElseThrow()
                        .equals(oldHash));
        return engine.workflow(workflowId).orElseThrow().sourceHash();
    }

    private static void awaitTask(Engine engine, Run run, String taskId, TaskState state) {
        await().atMost(WITHIN)
                .until(() -> engine.runs().taskRuns(run.runId()).stream()
                        .anyMatch(t -> t.taskId().equals(taskId) && t.state() == state));
    }

    /** Writes whole files only (as an editor's save or a sync does), so a watch never reads half a file. */
    private static void write(Path dir, String name, String text) throws IOException {
        Path temp = Files.writeString(dir.resolve("." + name + ".tmp"), text);
        Files.move(temp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
