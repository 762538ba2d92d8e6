package dev.freshet.web;

import dev.freshet.engine.Engine;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.tracking.ModelVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static dev.freshet.web.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Serving under load while the champion moves: eight clients score through {@code /invocations} without pause while
 * the alias is promoted and rolled back through the REST API (the registry tells serving at once) and promoted by
 * another engine on the same database (found by serving's periodic check). Every request succeeds, and within a
 * second of each move every client gets the new model's predictions, never the old one's again.
 */
class HotSwapTest {
    /** Figures at INFO: shown when a developer lowers the test log level. */
    private static final Logger LOG = LoggerFactory.getLogger(HotSwapTest.class);
    /**
     * Serving promises a new champion within a second (measured: 33-254 ms); a test on a shared machine bounds the
     * wait more loosely so that a slow moment of the machine is not taken for a broken swap.
     */
    private static final Duration SWAP_BOUND = Duration.ofSeconds(5);

    private static final String TOKEN = "swap-token";
    private static final String BODY = "{\"inputs\": [[1, 2]]}";
    private static final int CLIENTS = 8;

    @RegisterExtension
    static final FreshetServerExtension freshet =
            FreshetServerExtension.builder().token(TOKEN).defaultModel("swap").build();

    static Engine engine;
    static FreshetServer server;
    static Http http;
    static Run run;

    /** One scoring request: when it was sent and answered (System.nanoTime), its status and first prediction. */
    record Sample(int client, long sentNanos, long answeredNanos, int status, double prediction) {}

    /** A move of the champion: when the call began and returned, and the prediction the new model gives. */
    record Move(String how, long calledNanos, long returnedNanos, double expected) {}

    @BeforeAll
    static void start() {
        engine = freshet.engine();
        run = TestEngines.quickRun(engine);
        server = freshet.server();
        http = freshet.http();
    }

    @Test
    void everyMoveOfTheChampionReachesEveryClientSoonAndNoRequestFails() throws Exception {
        // y = slope * a + b at [1, 2]: 3, then 12, then back to 3, then 102
        TestEngines.registerChampion(engine, "swap", run, 1.0, 0.0);
        ModelVersion better = TestEngines.registerModel(engine, "swap", run, 10.0, 0.0);
        ModelVersion best = TestEngines.registerModel(engine, "swap", run, 100.0, 0.0);
        Queue<Sample> samples = new ConcurrentLinkedQueue<>();
        List<AtomicReference<Sample>> latest = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            AtomicReference<Sample> last = new AtomicReference<>();
            latest.add(last);
            int id = i;
            Thread client = new Thread(() -> score(id, stop, samples, last), "scoring-client-" + i);
            clients.add(client);
            client.start();
        }
        List<Move> moves = new ArrayList<>();
        List<Long> swapMillis = new ArrayList<>();
        try {
            awaitServed(latest, new Move("start", System.nanoTime(), System.nanoTime(), 3.0), Duration.ofSeconds(30));

            moves.add(move(
                    "REST promote",
                    12.0,
                    () -> assertThat(http.post(
                                            "/api/v1/models/swap/aliases/champion",
                                            "{\"version\": " + better.version() + "}")
                                    .statusCode())
                            .isEqualTo(200)));
            swapMillis.add(awaitServed(latest, moves.get(0), SWAP_BOUND));

            moves.add(move(
                    "REST rollback",
                    3.0,
                    () -> assertThat(http.post("/api/v1/models/swap/rollback", "")
                                    .statusCode())
                            .isEqualTo(200)));
            swapMillis.add(awaitServed(latest, moves.get(1), SWAP_BOUND));

            // Another engine on the same database, as the CLI or another node: its registry has no listener here.
            try (Engine other = Engine.open(engine.config().withSchedulerName("another-process"))) {
                moves.add(move(
                        "another process",
                        102.0,
                        () -> other.models().promote("swap", "champion", best.version(), "test: from outside")));
                swapMillis.add(awaitServed(latest, moves.get(2), SWAP_BOUND));
            }
        } finally {
            stop.set(true);
            for (Thread client : clients) {
                client.join(Duration.ofSeconds(30).toMillis());
            }
        }
        LOG.info("hot swap, ms from the move's return until all " + CLIENTS + " clients got the new model: "
                + swapMillis + " (REST promote, REST rollback, another process); " + samples.size() + " requests");

        assertThat(samples).hasSizeGreaterThan(CLIENTS * moves.size());
        assertThat(samples)
                .allSatisfy(s -> assertThat(s.status()).as("status of %s", s).isEqualTo(200));
        assertThat(samples).extracting(Sample::prediction).containsOnly(3.0, 12.0, 102.0);
        for (int i = 0; i < moves.size(); i++) {
            assertNoOldAnswerAfterTheFirstNewOne(
                    samples,
                    moves.get(i),
                    i + 1 < moves.size() ? moves.get(i + 1).calledNanos() : Long.MAX_VALUE);
        }
        assertThat(engine.models().aliased("swap", "champion"))
                .map(ModelVersion::version)
                .contains(best.version());
    }

    private static void score(int id, AtomicBoolean stop, Queue<Sample> samples, AtomicReference<Sample> last) {
        Http client = new Http(server.port(), TOKEN);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!stop.get() && System.nanoTime() < deadline) {
            long sent = System.nanoTime();
            Sample sample;
            try {
                HttpResponse<String> response =
                        client.postRaw("/invocations", BODY, "Content-Type", "application/json");
                double prediction = response.statusCode() == 200
                        ? json(response).get("predictions").get(0).asDouble()
                        : Double.NaN;
                sample = new Sample(id, sent, System.nanoTime(), response.statusCode(), prediction);
            } catch (RuntimeException e) {
                sample = new Sample(id, sent, System.nanoTime(), -1, Double.NaN);
            }
            samples.add(sample);
            last.set(sample);
        }
    }

    private static Move move(String how, double expected, Runnable action) {
        long called = System.nanoTime();
        action.run();
        return new Move(how, called, System.nanoTime(), expected);
    }

    /** Waits until every client's last answer, to a request sent after the move returned, is the new model's. */
    private static long awaitServed(List<AtomicReference<Sample>> latest, Move move, Duration atMost) {
        await(move.how())
                .atMost(atMost)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(5))
                .until(() -> latest.stream()
                        .map(AtomicReference::get)
                        .allMatch(s -> s != null
                                && s.sentNanos() > move.returnedNanos()
                                && s.prediction() == move.expected()));
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - move.returnedNanos());
    }

    /**
     * The swap is one atomic replacement: a request sent after any client was answered by the new model is answered
     * by the new model too, until the next move.
     */
    private static void assertNoOldAnswerAfterTheFirstNewOne(Queue<Sample> samples, Move move, long nextMoveCalled) {
        List<Sample> during = samples.stream()
                .filter(s -> s.sentNanos() >= move.calledNanos() && s.sentNanos() < nextMoveCalled)
                .toList();
        long firstNew = during.stream()
                .filter(s -> s.prediction() == move.expected())
                .mapToLong(Sample::answeredNanos)
                .min()
                .orElseThrow();
        assertThat(during)
                .filteredOn(s -> s.sentNanos() > firstNew)
                .as(move.how())
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.prediction())
                        .as("%s after %s", s, move.how())
                        .isEqualTo(move.expected()));
    }
}
