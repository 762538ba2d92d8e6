package dev.freshet.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freshet.engine.testdb.EmbeddedPostgresServer;
import dev.freshet.engine.testdb.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.freshet.web.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kill -9 of a real {@code freshet server} while the run a landed file started is running, then a new server on the
 * same home and landing folder: the file's claim was committed with its run, so the new server starts no second run
 * for it, only one for the file that lands next.
 *
 * <p>On PostgreSQL only, the database a cluster shares: on H2 a restart that finds the claim is
 * {@code FileTriggerTest}'s, in-process and cheaper.
 */
@ExtendWith(TestDatabases.class)
class FileTriggerCrashOnPostgresTest {
    @Test
    void aFileTakenBeforeAKillMinusNineStartsNoSecondRunAfterTheRestart(
            @TempDir Path home, EmbeddedPostgresServer postgres) throws Exception {
        String database = postgres.createDatabase("file_trigger_crash");
        Path workflows = Files.createDirectories(home.resolve("workflows"));
        Path landing = Files.createDirectories(workflows.resolve("landing"));
        Path marker = home.resolve("first-run-started");
        Files.writeString(workflows.resolve("landed.yaml"), """
                id: landed
                trigger: { files: "landing/*.csv", settle: 200ms }
                tasks:
                  - id: work
                    type: shell
                    with:
                      command: "if [ -f '%1$s' ]; then exit 0; fi; touch '%1$s'; exec sleep 60"
                """.formatted(marker));
        Path state = home.resolve("state");

        ServerProcess first = server("first", state, workflows, home, database).start();
        try {
            first.awaitServing();
            land(workflows, "batch-1.csv");
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(marker));
        } finally {
            first.kill();
        }

        try (ServerProcess second =
                server("second", state, workflows, home, database).start()) {
            Http http = second.awaitServing().http();
            land(workflows, "batch-2.csv");
            await().atMost(Duration.ofSeconds(60)).until(() -> files(http).size() >= 2);

            assertThat(files(http))
                    .containsExactlyInAnyOrder(List.of("landing/batch-1.csv"), List.of("landing/batch-2.csv"));
            assertThat(landing.resolve("batch-1.csv")).exists();
        }
    }

    private static ServerProcess.Builder server(String name, Path state, Path workflows, Path home, String database) {
        return ServerProcess.builder(name, state)
                .database(database)
                .workflows(workflows)
                .log(home.resolve(name + ".log"));
    }

    /** conf.files of each of the workflow's runs. */
    private static List<List<String>> files(Http http) {
        JsonNode runs = json(http.get("/api/v1/dags/landed/dagRuns")).get("dag_runs");
        List<List<String>> files = new ArrayList<>();
        for (JsonNode run : runs) {
            List<String> names = new ArrayList<>();
            run.get("conf").get("files").forEach(name -> names.add(name.asText()));
            files.add(names);
        }
        return files;
    }

    private static void land(Path workflows, String name) throws IOException {
        Path staged = Files.writeString(workflows.resolve(name + ".part"), "x,y\n1,2\n");
        Files.move(staged, workflows.resolve("landing").resolve(name));
    }
}
