package dev.freshet.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freshet.engine.testdb.EmbeddedPostgresServer;
import dev.freshet.engine.testdb.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static dev.freshet.web.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two clustered {@code freshet server} nodes, each in a JVM of its own with a home of its own, on one embedded
 * PostgreSQL database and one artifact root: the log of a try that runs on one node (the writer, whichever the cluster
 * gives the try to) is read through the other's REST API and UI while the try runs, when it has ended, and after the
 * writer was killed with kill -9 and its home deleted.
 */
@ExtendWith(TestDatabases.class)
class LogsAcrossNodesOnPostgresTest {
    @TempDir
    static Path root;

    static final List<ServerProcess> nodes = new ArrayList<>();
    static Path gate;

    @BeforeAll
    static void startCluster(EmbeddedPostgresServer postgres) throws Exception {
        Path workflows = Files.createDirectories(root.resolve("workflows"));
        gate = root.resolve("gate");
        Files.writeString(workflows.resolve("talk.yaml"), """
                id: talk
                tasks:
                  - id: speak
                    type: shell
                    with: { command: "echo first line; while [ ! -f '%s' ]; do sleep 0.05; done; echo second line" }
                """.formatted(gate));
        String url = postgres.createDatabase("logs_across_nodes");
        String artifacts =
                Files.createDirectories(root.resolve("artifacts")).toUri().toString();
        for (String name : List.of("a", "b")) {
            nodes.add(ServerProcess.builder(name, root.resolve("home-" + name))
                    .workflows(workflows)
                    .clustered(url, Duration.ofSeconds(1))
                    .artifactRoot(artifacts)
                    .heap("384m")
                    .jvmOptions("-XX:TieredStopAtLevel=1")
                    .log(root.resolve("node-" + name + ".log"))
                    .start());
        }
        nodes.forEach(ServerProcess::awaitServing);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (ServerProcess node : nodes) {
            node.stop();
        }
    }

    @Test
    void aLogWrittenOnOneNodeIsReadLiveThroughTheOtherAndAfterTheWriterIsKilledWithItsHome() throws Exception {
        String runId = json(nodes.get(0).http().post("/api/v1/dags/talk/dagRuns", "{\"conf\": {}}"))
                .get("dag_run_id")
                .asText();
        String run = "/api/v1/dags/talk/dagRuns/" + runId;
        String logs = run + "/taskInstances/speak/logs/1";
        String page = "/runs/" + runId + "/tasks/speak/logs/1";
        String hostname = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> json(nodes.get(0).http().get(run + "/taskInstances/speak"))
                                .get("hostname")
                                .asText(),
                        h -> !h.isEmpty());
        ServerProcess writer =
                nodes.stream().filter(n -> n.ran(hostname)).findFirst().orElseThrow();
        ServerProcess reader =
                nodes.stream().filter(n -> n != writer).findFirst().orElseThrow();
        Path writerHome = root.resolve("home-" + writer.name());
        Path readerHome = root.resolve("home-" + reader.name());

        // while the try runs: its first line, and nothing after it, through the reader
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(jsonLog(reader, logs).get("content").asText())
                                .contains("first line"));
        JsonNode whileRunning = jsonLog(reader, logs);
        assertThat(taskState(reader, run)).isEqualTo("running");
        assertThat(whileRunning.get("content").asText()).doesNotContain("second line");
        assertThat(reader.http().browse(page, null).body()).contains("first line");
        assertThat(writerHome.resolve("logs").resolve(runId))
                .as("the writer's own file")
                .isDirectory();
        assertThat(readerHome.resolve("logs").resolve(runId))
                .as("the reader has no file of its own")
                .doesNotExist();
        String token = whileRunning.get("continuation_token").asText();

        // the try ends: the rest of the log from where the reader stopped, then the whole of it
        Files.writeString(gate, "");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> taskState(reader, run).equals("success"));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(jsonLog(reader, logs + "?token=" + token)
                                .get("content")
                                .asText())
                        .contains("second line")
                        .doesNotContain("first line"));
        assertThat(reader.http().browse(page + "/tail?from=" + token, null).body())
                .contains("second line");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        assertThat(reader.http().get(logs).body()).contains("first line", "second line", "succeeded"));

        // the writer is gone with its disk
        writer.kill();
        nodes.remove(writer);
        deleteTree(writerHome);

        HttpResponse<String> afterWriter = reader.http().get(logs);
        assertThat(afterWriter.statusCode()).isEqualTo(200);
        assertThat(afterWriter.body()).contains("first line", "second line", "succeeded");
        assertThat(jsonLog(reader, logs).get("content").asText()).contains("first line", "second line");
        assertThat(reader.http().browse(page, null).body()).contains("first line", "second line");
        assertThat(reader.http().get(run + "/taskInstances/speak/logs/2").statusCode())
                .isEqualTo(404);
    }

    private static String taskState(ServerProcess node, String run) {
        return json(node.http().get(run + "/taskInstances/speak")).get("state").asText();
    }

    private static JsonNode jsonLog(ServerProcess node, String path) {
        HttpResponse<String> response = node.http().exchange("GET", path, null, "Accept", "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
