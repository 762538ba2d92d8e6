package dev.freshet.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freshet.engine.testdb.EmbeddedPostgresServer;
import dev.freshet.engine.testdb.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static dev.freshet.web.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kill -9 of a real {@code freshet server} process while a run's task is running, then a new server on the same
 * home: the interrupted try is recorded as failed, retried, and the run finishes — all seen through the REST API.
 *
 * <p>On PostgreSQL only, the database a cluster shares: on H2 the same recovery (kill -9 of a child JVM at several
 * points of a run, a new engine finishing it) is {@code CrashRecoveryTest}'s, in-process and cheaper.
 */
@ExtendWith(TestDatabases.class)
class ServerCrashRecoveryOnPostgresTest {
    @Test
    void aRunInterruptedByKillMinusNineFinishesAfterARestart(@TempDir Path home, EmbeddedPostgresServer postgres)
            throws Exception {
        String database = postgres.createDatabase("server_crash");
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

        ServerProcess first = server("first", state, workflows, home, database).start();
        String runId;
        try {
            Http http = first.awaitServing().http();
            runId = json(http.post("/api/v1/dags/crashy/dagRuns", "{\"conf\": {}}"))
                    .get("dag_run_id")
                    .asText();
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(marker));
        } finally {
            first.kill();
        }

        try (ServerProcess second =
                server("second", state, workflows, home, database).start()) {
            Http http = second.awaitServing().http();
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
        }
    }

    private static ServerProcess.Builder server(String name, Path state, Path workflows, Path home, String database) {
        return ServerProcess.builder(name, state)
                .database(database)
                .workflows(workflows)
                .heap("1g")
                .log(home.resolve(name + ".log"));
    }
}
