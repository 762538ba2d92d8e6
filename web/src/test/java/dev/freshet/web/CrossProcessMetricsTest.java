package dev.freshet.web;

import dev.freshet.cli.FreshetCommand;
import dev.freshet.engine.Engine;
import dev.freshet.engine.run.TaskState;
import dev.freshet.engine.run.TriggerRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server's run and task meters count endings that another engine on the same database records: here
 * {@code freshet runs cancel} in a process of its own, on the server's database.
 */
class CrossProcessMetricsTest {
    private static final String SLEEPY = """
            id: sleepy
            tasks:
              - {id: nap, type: sleep, with: {seconds: 60}}
            """;

    @RegisterExtension
    static final FreshetServerExtension freshet = FreshetServerExtension.builder()
            .token("t")
            .workflow("sleepy.yaml", SLEEPY)
            .build();

    static Path home;
    static Engine engine;
    static FreshetServer server;
    static Http http;

    @BeforeAll
    static void start() {
        home = freshet.home();
        engine = freshet.engine();
        server = freshet.server();
        http = freshet.http();
    }

    @Test
    void aRunCancelledFromTheCommandLineIsCountedInTheServersMetrics() throws Exception {
        String runId = engine.runs()
                .trigger(TriggerRequest.manual("sleepy", Map.of(), "test"))
                .runId();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> engine.runs().taskRuns(runId).get(0).state() == TaskState.RUNNING);

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                FreshetCommand.class.getName(),
                "runs",
                "cancel",
                runId,
                "--home",
                home.resolve("state").toString(),
                "--workflows",
                home.resolve("workflows").toString()));
        String database = engine.config().databaseUrl();
        if (database != null) {
            command.addAll(List.of("--db", database));
        }
        Process cancel = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("cancel.log").toFile())
                .start();

        assertThat(cancel.waitFor(60, TimeUnit.SECONDS))
                .as("the cancel process ended")
                .isTrue();
        assertThat(cancel.exitValue())
                .as(Files.readString(home.resolve("cancel.log")))
                .isZero();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(http.get("/metrics").body())
                        .containsPattern(
                                "freshet_run_duration_seconds_count\\{state=\"failed\",workflow=\"sleepy\"} 1(\\.0)?\\R")
                        .containsPattern(
                                "freshet_task_duration_seconds_count\\{state=\"failed\",task=\"nap\",workflow=\"sleepy\"} "
                                        + "1(\\.0)?\\R"));
    }
}
