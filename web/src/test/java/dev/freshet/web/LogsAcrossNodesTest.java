package dev.freshet.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freshet.engine.Engine;
import dev.freshet.engine.EngineConfig;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.TaskState;
import dev.freshet.engine.run.TriggerRequest;
import dev.freshet.engine.testdb.H2Only;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import static dev.freshet.web.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two engines on one database, each with a home of its own: a try that runs on node B has its log read through node
 * A's REST API and UI while it runs, and after B is gone with its home.
 */
@H2Only("Two engines in one JVM on one H2 file; LogsAcrossNodesOnPostgresTest does it on PostgreSQL with two "
        + "server JVMs")
class LogsAcrossNodesTest {
    private static final Path SHARED = temporaryFolder();
    private static final String DATABASE_URL =
            "jdbc:h2:async:" + SHARED.resolve("db").resolve("freshet")
                    + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000;WRITE_DELAY=0"; // async: as the engine's own URL (not
    // closed by interrupts)
    private static final Path GATE = SHARED.resolve("gate");
    private static final String WORKFLOW = """
            id: talk
            tasks:
              - id: speak
                type: shell
                with: { command: "echo first line; while [ ! -f %s ]; do sleep 0.05; done; echo second line" }
            """.formatted(GATE);

    @RegisterExtension
    static final FreshetServerExtension nodeA = FreshetServerExtension.builder()
            .withoutTestWorkflows()
            .workflow("talk.yaml", WORKFLOW)
            .configure(config -> config.withDatabaseUrl(DATABASE_URL).withSchedulerName("node-a"))
            .build();

    @Test
    void aLogWrittenOnNodeBIsReadLiveThroughNodeAAndAfterBIsGone() throws Exception {
        Path homeB = Files.createDirectories(SHARED.resolve("node-b"));
        Path workflowsB = Files.createDirectories(homeB.resolve("workflows"));
        Files.writeString(workflowsB.resolve("talk.yaml"), WORKFLOW);
        Engine nodeB = Engine.start(EngineConfig.defaults(homeB)
                .withWorkflowsDir(workflowsB)
                .withDatabaseUrl(DATABASE_URL)
                .withSchedulerName("node-b"));
        String logs;
        String page;
        String runId;
        try {
            runId = nodeB.runs()
                    .trigger(TriggerRequest.manual("talk", Map.of(), "test"))
                    .runId();
            logs = "/api/v1/dags/talk/dagRuns/" + runId + "/taskInstances/speak/logs/1";
            page = "/runs/" + runId + "/tasks/speak/logs/1";

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() ->
                            assertThat(jsonLog(logs).get("content").asText()).contains("first line"));
            JsonNode whileRunning = jsonLog(logs);
            assertThat(nodeB.runs().taskRuns(runId).get(0).state()).isEqualTo(TaskState.RUNNING);
            assertThat(Files.exists(nodeA.home().resolve("logs").resolve(runId)))
                    .as("node A has no file of its own")
                    .isFalse();
            assertThat(whileRunning.get("content").asText()).doesNotContain("second line");
            assertThat(nodeA.http().browse(page, null).body()).contains("first line");
            String token = whileRunning.get("continuation_token").asText();

            Files.writeString(GATE, "");
            assertThat(nodeB.runs().awaitRun(runId, Duration.ofSeconds(30)).state())
                    .isEqualTo(RunState.SUCCESS);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(jsonLog(logs + "?token=" + token)
                                    .get("content")
                                    .asText())
                            .contains("second line")
                            .doesNotContain("first line"));
            assertThat(nodeA.http().browse(page + "/tail?from=" + token, null).body())
                    .contains("second line");
        } finally {
            nodeB.close();
        }
        deleteTree(homeB);

        HttpResponse<String> afterB = nodeA.http().get(logs);
        assertThat(afterB.statusCode()).isEqualTo(200);
        assertThat(afterB.body()).contains("first line").contains("second line").contains("succeeded");
        assertThat(nodeA.http().browse(page, null).body())
                .contains("first line")
                .contains("second line");
        assertThat(nodeA.http()
                        .get("/api/v1/dags/talk/dagRuns/" + runId + "/taskInstances/speak/logs/2")
                        .statusCode())
                .isEqualTo(404);
    }

    private static JsonNode jsonLog(String path) {
        HttpResponse<String> response = nodeA.http().exchange("GET", path, null, "Accept", "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("freshet-logs-across-nodes");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
