package dev.freshet.web;

import dev.freshet.engine.Engine;
import dev.freshet.engine.EngineConfig;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunQuery;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.RunType;
import dev.freshet.engine.run.TaskState;
import dev.freshet.engine.run.TaskTry;
import dev.freshet.engine.run.TriggerRequest;
import dev.freshet.engine.testdb.EmbeddedPostgresServer;
import dev.freshet.engine.testdb.TestDatabases;
import dev.freshet.engine.tracking.ModelVersion;
import dev.freshet.engine.tracking.PromotionLogEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three clustered {@code freshet server} nodes, each in a JVM of its own, on one embedded PostgreSQL database and one
 * shared home. They share the work, promote at once without losing a champion move, take over the try of a node
 * killed with kill -9, and fire a per-second schedule exactly once per logical date throughout. The tests run in
 * order on the same cluster: the kill comes last but one, the schedule's count last, over the whole class's time.
 */
@ExtendWith(TestDatabases.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverOnPostgresTest {
    /** Short, so that the takeover is quick; a node silent for this plus Quartz's fixed 7.5 s is taken for dead. */
    private static final Duration CHECKIN = Duration.ofSeconds(1);

    private static final int FIRES = 60;

    @TempDir
    static Path root;

    static Path home;
    static Path workflows;
    static final List<ServerProcess> nodes = new ArrayList<>();
    static Engine client;
    static Instant killedAt;

    @BeforeAll
    static void startCluster(EmbeddedPostgresServer postgres) throws Exception {
        home = Files.createDirectories(root.resolve("home"));
        workflows = Files.createDirectories(root.resolve("workflows"));
        writeWorkflows();
        String url = postgres.createDatabase("cluster_failover");
        for (String name : List.of("a", "b", "c")) {
            nodes.add(ServerProcess.builder(name, home)
                    .workflows(workflows)
                    .clustered(url, CHECKIN)
                    .heap("384m")
                    .jvmOptions("-XX:TieredStopAtLevel=1")
                    .log(root.resolve("node-" + name + ".log"))
                    .start());
        }
        nodes.forEach(ServerProcess::awaitServing);
        client = Engine.open(EngineConfig.defaults(root.resolve("client"))
                .withWorkflowsDir(workflows)
                .withDatabaseUrl(url)
                .withClustered(true));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (client != null) {
            client.close();
        }
        for (ServerProcess node : nodes) {
            node.stop();
        }
    }

    @Test
    @Order(1)
    void everyNodeRunsAShareOfTheTasksUnderLoad() throws Exception {
        // 48 tasks of 3 s: more than two nodes' 16 threads can take before an idle node's next look (Quartz's idle
        // wait, 5 s), so the work cannot all go to the nodes that happen to look first
        List<String> runIds = trigger("fan", 12);
        List<TaskTry> tries = new ArrayList<>();
        for (String runId : runIds) {
            assertThat(client.runs().awaitRun(runId, Duration.ofSeconds(120)).state())
                    .as("run %s", runId)
                    .isEqualTo(RunState.SUCCESS);
            for (String task : List.of("a", "b", "c", "d")) {
                List<TaskTry> ofTask = client.runs().tries(runId, task);
                assertThat(ofTask).extracting(TaskTry::tryNumber).containsExactly(1);
                tries.addAll(ofTask);
            }
        }
        Map<String, Long> perNode = perNode(tries);
        System.out.println("fan: tries per node " + perNode);
        assertThat(perNode)
                .as("tries per node")
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy((node, count) -> assertThat(count).isPositive());
    }

    @Test
    @Order(2)
    void runsPromotingAtOnceGetDistinctVersionsAndEachChampionMovesOnce() throws Exception {
        List<String> runIds = trigger("wine", 3);
        List<TaskTry> promotes = new ArrayList<>();
        for (String runId : runIds) {
            assertThat(client.runs().awaitRun(runId, Duration.ofSeconds(150)).state())
                    .as("run %s", runId)
                    .isEqualTo(RunState.SUCCESS);
            promotes.addAll(client.runs().tries(runId, "promote"));
        }
        System.out.println("wine: promote tries per node " + perNode(promotes));

        List<ModelVersion> versions = client.models().versions("wine");
        // a run whose model is not better than the champion it was evaluated against registers nothing
        assertThat(versions)
                .extracting(ModelVersion::version)
                .isNotEmpty()
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, versions.size()).boxed().toList());
        assertThat(versions)
                .extracting(ModelVersion::runId)
                .doesNotHaveDuplicates()
                .isSubsetOf(runIds);
        List<PromotionLogEntry> moves = client.models().promotionLog("wine");
        assertThat(moves).as("champion moves").isNotEmpty();
        assertThat(moves)
                .as("no champion is moved from twice: a promotion that lost the race left the alias alone")
                .extracting(PromotionLogEntry::fromVersion)
                .doesNotHaveDuplicates();
        assertThat(client.models().aliased("wine", "champion"))
                .map(ModelVersion::version)
                .contains(moves.get(moves.size() - 1).toVersion());
    }

    @Test
    @Order(3)
    void aTryWhoseNodeIsKilledIsRetriedOnAnotherNodeAndNoBodyRunsTwiceAtOnce() throws Exception {
        String runId = trigger("crashy", 1).get(0);
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(root.resolve("started")));
        String firstHost = client.runs().taskRuns(runId).get(0).hostname();
        ServerProcess victim =
                nodes.stream().filter(n -> n.ran(firstHost)).findFirst().orElseThrow();
        killedAt = Instant.now();
        victim.kill();

        List<ServerProcess> survivors = nodes.stream().filter(n -> n != victim).toList();
        // serving on the live nodes never stops, takeover or not
        for (ServerProcess node : survivors) {
            assertThat(node.http().get("/api/v1/dags/crashy").statusCode()).isEqualTo(200);
        }
        Run run = client.runs().awaitRun(runId, Duration.ofSeconds(90));
        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
        List<TaskTry> tries = client.runs().tries(runId, "body");
        assertThat(tries).extracting(TaskTry::state).containsExactly(TaskState.FAILED, TaskState.SUCCESS);
        assertThat(tries.get(0).error()).contains("died");
        TaskTry second = tries.get(1);
        assertThat(survivors).as("the node that ran try 2").anyMatch(n -> n.ran(second.hostname()));
        assertThat(Files.readAllLines(root.resolve("marks")))
                .as("each try's body took the lock the other held, so none ran beside the other")
                .containsExactly("start", "start");
        System.out.printf(
                "takeover: try 2 started %d ms after kill -9 (check-in interval %d ms)%n",
                Duration.between(killedAt, second.startDate()).toMillis(), CHECKIN.toMillis());
        nodes.remove(victim);
    }

    @Test
    @Order(4)
    void aPerSecondScheduleOverTheClusterRunsExactlyOncePerLogicalDate() {
        await().atMost(Duration.ofSeconds(150))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    List<Run> ticks = scheduledTicks();
                    // fires on both sides of the kill, the takeover included
                    return ticks.size() > FIRES
                            && (killedAt == null
                                    || ticks.stream()
                                            .anyMatch(r -> r.logicalDate().isAfter(killedAt.plusSeconds(20))));
                });
        List<Run> ticks = scheduledTicks();
        Map<Instant, Long> perDate =
                ticks.stream().collect(Collectors.groupingBy(Run::logicalDate, TreeMap::new, Collectors.counting()));
        assertThat(perDate.values()).as("runs per logical date").containsOnly(1L);
        List<Instant> dates = new ArrayList<>(perDate.keySet());
        for (int i = 1; i < dates.size(); i++) {
            assertThat(Duration.between(dates.get(i - 1), dates.get(i)))
                    .as("no fire missed before %s", dates.get(i))
                    .isEqualTo(Duration.ofSeconds(1));
        }
        System.out.println("tick: " + perDate.size() + " logical dates, one run each, runs per node "
                + perNode(ticks.stream()
                        .flatMap(r -> client.runs().tries(r.runId(), "t").stream())
                        .toList()));
    }

    private static List<Run> scheduledTicks() {
        return client.runs().runs(new RunQuery("tick", null, null, 10_000, 0)).runs().stream()
                .filter(r -> r.runType() == RunType.SCHEDULED)
                .toList();
    }

    private static List<String> trigger(String workflow, int count) {
        List<String> runIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            runIds.add(client.runs()
                    .trigger(TriggerRequest.manual(workflow, Map.of(), "test"))
                    .runId());
        }
        return runIds;
    }

    /** Tries per node name; a try on a node not in the list counts under its host:pid. */
    private static Map<String, Long> perNode(List<TaskTry> tries) {
        Function<TaskTry, String> node = t -> nodes.stream()
                .filter(n -> n.ran(t.hostname()))
                .map(ServerProcess::name)
                .findFirst()
                .orElse(Objects.requireNonNullElse(t.hostname(), "?"));
        return tries.stream().collect(Collectors.groupingBy(node, TreeMap::new, Collectors.counting()));
    }

    private static void writeWorkflows() throws IOException {
        Files.writeString(workflows.resolve("tick.yaml"), """
                id: tick
                schedule: "* * * * * ?"
                catchup: true
                max_active_runs: 16
                tasks:
                  - {id: t, type: noop}
                """);
        Files.writeString(workflows.resolve("fan.yaml"), """
                id: fan
                tasks:
                  - {id: a, type: sleep, with: {seconds: 3}}
                  - {id: b, type: sleep, with: {seconds: 3}}
                  - {id: c, type: sleep, with: {seconds: 3}}
                  - {id: d, type: sleep, with: {seconds: 3}}
                """);
        // The body holds an exclusive lock while it runs: a second body starting beside it fails and says so.
        Files.writeString(workflows.resolve("crashy.yaml"), """
                id: crashy
                defaults: {retries: 1, retry_delay: 0s}
                tasks:
                  - id: body
                    type: shell
                    with:
                      command: >-
                        exec 9>>'%1$s/lock'; flock -n 9 || { echo overlap >> '%1$s/marks'; exit 1; };
                        echo start >> '%1$s/marks';
                        if [ -f '%1$s/started' ]; then exit 0; fi; touch '%1$s/started'; exec sleep 120
                  - {id: after, type: noop, needs: [body]}
                """.formatted(root));
        Path data = Path.of("..", "workflows", "data", "wine-quality")
                .toAbsolutePath()
                .normalize();
        Files.writeString(workflows.resolve("wine.yaml"), """
                id: wine
                max_active_runs: 4
                tasks:
                  - {id: ingest, type: ingest.csv, with: {source: '%1$s/white-train.csv', target: quality}}
                  - {id: validate, type: validate.data, needs: [ingest], with: {min_rows: 500}}
                  - {id: train, type: train.elasticnet, needs: [validate], with: {alpha: 0.5, l1_ratio: 0.1}}
                  - id: evaluate
                    type: evaluate.regression
                    needs: [train]
                    with: {holdout: '%1$s/white-test.csv', thresholds: {rmse: {max: 0.9}}, compare_to: champion}
                  - {id: promote, type: promote.model, needs: [evaluate], with: {model: wine, alias: champion}}
                """.formatted(data));
        assertThat(data.resolve("white-train.csv")).exists();
    }
}
