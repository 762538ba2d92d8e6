package dev.freshet.engine;

import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.TaskTry;
import dev.freshet.engine.run.TriggerRequest;
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
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two clustered engine nodes, each in a JVM of its own, start at the same moment on one fresh PostgreSQL database:
 * both migrate it (Flyway serialises them), both start Quartz without colliding on its lock rows, and both run tasks.
 */
@ExtendWith(TestDatabases.class)
class ClusterStartOnPostgresTest {
    /** 48 tries of half a second: longer than a node's idle poll (5 s) would take one node alone, so both get work. */
    private static final int RUNS = 12;

    @Test
    void twoNodesStartingAtOnceOnAFreshDatabaseBothStartAndBothRunTasks(
            EmbeddedPostgresServer postgres, @TempDir Path root) throws Exception {
        Path workflows = Files.createDirectories(root.resolve("workflows"));
        Files.writeString(workflows.resolve("fan.yaml"), """
                id: fan
                tasks:
                  - {id: a, type: sleep, with: {seconds: 0.5}}
                  - {id: b, type: sleep, with: {seconds: 0.5}}
                  - {id: c, type: sleep, with: {seconds: 0.5}}
                  - {id: d, type: sleep, with: {seconds: 0.5}}
                """);
        String url = postgres.createDatabase("cluster_start");
        List<Path> homes = List.of(root.resolve("node-a"), root.resolve("node-b"));
        List<Process> nodes = new ArrayList<>();
        try {
            for (Path home : homes) {
                nodes.add(startNode(home, workflows, url));
            }
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> {
                        for (int i = 0; i < nodes.size(); i++) {
                            String log = Files.readString(homes.get(i).resolve("node.log"));
                            assertThat(nodes.get(i).isAlive())
                                    .as("node %d is up; its log:%n%s", i, log)
                                    .isTrue();
                            assertThat(log).contains(ClusterNodeMain.STARTED);
                        }
                    });

            List<String> runIds = new ArrayList<>();
            try (Engine client = Engine.open(EngineConfig.defaults(root.resolve("client"))
                    .withWorkflowsDir(workflows)
                    .withDatabaseUrl(url)
                    .withClustered(true))) {
                for (int i = 0; i < RUNS; i++) {
                    runIds.add(client.runs()
                            .trigger(TriggerRequest.manual("fan", Map.of(), "test"))
                            .runId());
                }
                for (String runId : runIds) {
                    Run run = client.runs().awaitRun(runId, Duration.ofSeconds(120));
                    assertThat(run.state()).as("run %s", runId).isEqualTo(RunState.SUCCESS);
                    for (String task : List.of("a", "b", "c", "d")) {
                        assertThat(client.runs().tries(runId, task))
                                .extracting(TaskTry::tryNumber)
                                .containsExactly(1);
                    }
                }
            }
            // each node writes the logs of the tries it ran under its own home
            assertThat(tryLogs(homes.get(0))).as("tries run by node a").isPositive();
            assertThat(tryLogs(homes.get(1))).as("tries run by node b").isPositive();
            assertThat(tryLogs(homes.get(0)) + tryLogs(homes.get(1))).isEqualTo(RUNS * 4);
        } finally {
            for (Process node : nodes) {
                node.destroyForcibly();
                node.waitFor();
            }
        }
    }

    private static Process startNode(Path home, Path workflows, String url) throws IOException {
        Files.createDirectories(home);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "-Xmx512m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        ClusterNodeMain.class.getName(),
                        home.toString(),
                        workflows.toString(),
                        url)
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("node.log").toFile())
                .start();
    }

    private static long tryLogs(Path home) throws IOException {
        if (!Files.isDirectory(home.resolve("logs"))) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(home.resolve("logs"))) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
