package dev.freshet.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static dev.freshet.web.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kill -9 of a real {@code freshet server} process while a run's task is running, then a new server on the same
 * home: the interrupted try is recorded as failed, retried, and the run finishes — all seen through the REST API.
 */
class ServerCrashRecoveryTest {
    private static final String TOKEN = "crash-token";

    @Test
    void aRunInterruptedByKillMinusNineFinishesAfterARestart(@TempDir Path home) throws Exception {
        Path workflows = Files.createDirectories(home.resolve("workflows"));
        Path marker = home.resolve("first-try-started");
        Files.writeString(workflows.resolve("crashy.yaml"), """
                id: crashy
                defaults: {retries: 1, retry_delay: 0s}
                tasks:
                  - {id: before, type: noop}
                  - id: slow
                    type: shell
                    needs: [before]
                    with:
                      command: "if [ -f '%1$s' ]; then echo second try; exit 0; fi; touch '%1$s'; exec sleep 60"
                  - {id: after, type: noop, needs: [slow]}
                """.formatted(marker));
        Path state = home.resolve("state");

        ServerProcess first = ServerProcess.start(state, workflows, home.resolve("first.log"));
        String runId;
        try {
            Http http = first.awaitServing();
            runId = json(http.post("/api/v1/dags/crashy/dagRuns", "{\"conf\": {}}"))
                    .get("dag_run_id")
                    .asText();
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(marker));
        } finally {
            first.process().destroyForcibly(); // SIGKILL: no shutdown hook, no clean Quartz stop
            first.process().waitFor(30, TimeUnit.SECONDS);
        }

        ServerProcess second = ServerProcess.start(state, workflows, home.resolve("second.log"));
        try {
            Http http = second.awaitServing();
            String run = "/api/v1/dags/crashy/dagRuns/" + runId;
            await().atMost(Duration.ofSeconds(90))
                    .until(() ->
                            "success".equals(json(http.get(run)).get("state").asText()));

            JsonNode slow = json(http.get(run + "/taskInstances/slow"));
            assertThat(slow.get("state").asText()).isEqualTo("success");
            assertThat(slow.get("try_number").asInt()).isEqualTo(2);
            assertThat(http.get(run + "/taskInstances/slow/logs/2").body()).contains("second try");
            assertThat(json(http.get(run + "/taskInstances/before"))
                            .get("try_number")
                            .asInt())
                    .isEqualTo(1);
            assertThat(json(http.get(run + "/taskInstances/after")).get("state").asText())
                    .isEqualTo("success");
        } finally {
            second.process().destroy();
            if (!second.process().waitFor(30, TimeUnit.SECONDS)) {
                second.process().destroyForcibly();
            }
        }
    }

    /** {@code freshet server} through its own {@code main}, in a JVM of its own, as {@code scripts/freshet} starts it. */
    private record ServerProcess(Process process, int port) {
        static ServerProcess start(Path state, Path workflows, Path log) throws IOException {
            int port = freePort();
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(
                    java,
                    "-Xmx1g",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "dev.freshet.cli.FreshetCommand",
                    "server",
                    "--port",
                    String.valueOf(port),
                    "--home",
                    state.toString(),
                    "--workflows",
                    workflows.toString());
            builder.environment().put("FRESHET_API_TOKEN", TOKEN);
            return new ServerProcess(
                    builder.redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start(),
                    port);
        }

        Http awaitServing() {
            Http http = new Http(port, TOKEN);
            await().atMost(Duration.ofSeconds(60))
                    .ignoreException(UncheckedIOException.class)
                    .until(() -> {
                        assertThat(process.isAlive())
                                .as("the server process is alive")
                                .isTrue();
                        return http.get("/api/v1/dags/crashy").statusCode() == 200;
                    });
            return http;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
