package dev.freshet.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.freshet.engine.testdb.EmbeddedPostgresServer;
import dev.freshet.engine.testdb.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.freshet.web.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kill -9 of a real {@code freshet server} after two events committed and before the webhook took either: one was
 * refused (503, its retry recorded), the other's delivery was in flight, its receiver still holding the request, when
 * the process died. A new server on the same home delivers both, each exactly once by its idempotency key, every
 * attempt of an event under the same key.
 *
 * <p>On PostgreSQL only, the database a cluster shares: on H2 an event committed before the engine stopped and
 * delivered once by the next is {@code EngineEventsTest}'s, in-process and cheaper.
 */
@ExtendWith(TestDatabases.class)
class OutboxCrashOnPostgresTest {

    /** One request as the receiver saw it, and what it answered (0: no answer, the sender died). */
    private record Delivery(String key, String kind, String runId, int answered) {}

    /** The webhook receiver, in this JVM: it records every delivery and answers as the test needs. */
    private static HttpServer receiver;

    /** Just over the 10 s request timeout, so that the held event is due again soon after the kill. */
    private static final String LEASE = "12s";

    private static final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private static final CountDownLatch hangingRequestArrived = new CountDownLatch(1);
    private static final CountDownLatch killed = new CountDownLatch(1);
    private static volatile String refusedRun;
    private static volatile boolean accepting;

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hooks/freshet", OutboxCrashOnPostgresTest::receive);
        receiver.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "outbox-crash-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop(0);
    }

    /**
     * Before the kill: refuses the first run's event with 503, and holds the first request about any other run until
     * the sender is dead. After it: takes everything.
     */
    private static void receive(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            JsonNode event = json(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            String kind = event.get("kind").asText();
            String runId = event.get("subject").get("run_id").asText();
            if (accepting) {
                deliveries.add(new Delivery(key, kind, runId, 200));
                exchange.sendResponseHeaders(200, -1);
            } else if (runId.equals(refusedRun) || hangingRequestArrived.getCount() == 0) {
                deliveries.add(new Delivery(key, kind, runId, 503));
                exchange.sendResponseHeaders(503, -1);
            } else {
                deliveries.add(new Delivery(key, kind, runId, 0));
                hangingRequestArrived.countDown();
                killed.await(2, TimeUnit.MINUTES); // the sender dies waiting for this answer
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void eventsCommittedBeforeAKillMinusNineAreDeliveredOnceEachByTheNextServer(
            @TempDir Path home, EmbeddedPostgresServer postgres) throws Exception {
        String database = postgres.createDatabase("outbox_crash");
        Path workflows = Files.createDirectories(home.resolve("workflows"));
        Files.writeString(workflows.resolve("doomed.yaml"), """
                id: doomed
                tasks:
                  - id: fail
                    type: shell
                    with:
                      command: "exit 3"
                """);
        Path state = home.resolve("state");
        String first;
        String second;

        ServerProcess server = startServer("first", state, workflows, database, home.resolve("first.log"));
        try {
            first = trigger(server.http());
            refusedRun = first;
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> deliveries.stream().anyMatch(d -> d.runId().equals(first) && d.answered() == 503));
            second = trigger(server.http());
            assertThat(hangingRequestArrived.await(60, TimeUnit.SECONDS))
                    .as("the second run's event reached the webhook")
                    .isTrue();
        } finally {
            server.kill(); // SIGKILL while the delivery waits for its answer
            accepting = true;
            killed.countDown();
        }
        assertThat(deliveries).noneMatch(d -> d.answered() == 200);

        ServerProcess restarted = startServer("second", state, workflows, database, home.resolve("second.log"));
        try {
            // the refused event is due again after its backoff, the held one once the dead server's lease runs out
            await().atMost(Duration.ofSeconds(150))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> json(restarted.http().get("/api/v1/events?status=delivered"))
                                    .path("counts")
                                    .path("delivered")
                                    .asInt()
                            == 2);
        } finally {
            restarted.stop();
        }

        assertThat(deliveries).extracting(Delivery::kind).containsOnly("run.failed");
        Map<String, List<Delivery>> byRun = deliveries.stream().collect(Collectors.groupingBy(Delivery::runId));
        assertThat(byRun.keySet()).containsExactlyInAnyOrder(first, second);
        byRun.forEach((run, attempts) -> assertThat(attempts)
                .as("every attempt of the event of %s carries its one idempotency key", run)
                .extracting(Delivery::key)
                .doesNotContainNull()
                .containsOnly(attempts.get(0).key()));
        Map<String, Long> takenByKey = deliveries.stream()
                .filter(d -> d.answered() == 200)
                .collect(Collectors.groupingBy(Delivery::key, Collectors.counting()));
        assertThat(takenByKey)
                .as("each event taken once: not lost, no duplicate by key")
                .hasSize(2)
                .containsOnlyKeys(
                        byRun.get(first).get(0).key(), byRun.get(second).get(0).key())
                .allSatisfy((key, count) -> assertThat(count).isEqualTo(1L));
    }

    private static String trigger(Http http) {
        return json(http.post("/api/v1/dags/doomed/dagRuns", "{\"conf\": {}}"))
                .get("dag_run_id")
                .asText();
    }

    /** {@code freshet server} in a JVM of its own, delivering to the receiver; serving once this returns. */
    private static ServerProcess startServer(String name, Path state, Path workflows, String database, Path log)
            throws IOException {
        ServerProcess server = ServerProcess.builder(name, state)
                .database(database)
                .workflows(workflows)
                .log(log)
                .env(
                        "FRESHET_WEBHOOK_URL",
                        "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/freshet")
                .env("FRESHET_WEBHOOK_LEASE", LEASE)
                .start()
                .awaitServing();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> server.http().get("/api/v1/dags/doomed").statusCode() == 200);
        return server;
    }
}
