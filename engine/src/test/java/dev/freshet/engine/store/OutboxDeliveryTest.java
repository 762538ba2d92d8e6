package dev.freshet.engine.store;

import dev.freshet.engine.events.Backoff;
import dev.freshet.engine.events.DeliveryStatus;
import dev.freshet.engine.events.Event;
import dev.freshet.engine.events.EventKind;
import dev.freshet.engine.events.EventSubject;
import dev.freshet.engine.events.StoredEvent;
import dev.freshet.engine.events.WebhookDelivery;
import dev.freshet.engine.events.WebhookFormat;
import dev.freshet.engine.events.WebhookSettings;
import dev.freshet.engine.testdb.TestDatabase;
import dev.freshet.engine.testdb.TestDatabases;
import dev.freshet.engine.testing.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox in the database and its delivery to a real HTTP receiver: events commit or roll back with their
 * transaction, a lease keeps two loops off the same event, retries keep the idempotency key, the signature verifies.
 * On H2 here, on PostgreSQL in {@link OutboxDeliveryOnPostgresTest}; each test on a database of its own.
 */
@ExtendWith(TestDatabases.class)
class OutboxDeliveryTest {
    private static final String SECRET = "whsec-test-secret";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static TestDatabase testDatabase;
    static WebhookReceiver receiver;

    @TempDir
    Path home;

    Database database;
    JooqEventStore store;

    @BeforeAll
    static void startReceiver(TestDatabase given) {
        testDatabase = given;
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @BeforeEach
    void open() {
        database = Database.open(testDatabase.url(home), null, null, 6);
        store = new JooqEventStore(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void anEventCommitsWithItsTransactionAndARolledBackOneLeavesNothing() {
        JooqRunStore runs = new JooqRunStore(database, Clock.systemUTC());
        Event kept = event(EventKind.RUN_FAILED);
        Event dropped = event(EventKind.RUN_FAILED);

        runs.inTransaction(tx -> {
            tx.appendEvent(kept);
            return null;
        });
        try {
            runs.inTransaction(tx -> {
                tx.appendEvent(dropped);
                throw new IllegalStateException("the change failed");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }

        assertThat(store.latest(Optional.empty(), 10))
                .extracting(e -> e.event().id())
                .containsExactly(kept.id());
        StoredEvent stored = store.latest(Optional.empty(), 1).get(0);
        assertThat(stored.event()).isEqualTo(kept);
        assertThat(stored.status()).isEqualTo(DeliveryStatus.PENDING);
    }

    @Test
    void aLeasedEventIsNotClaimedByAnotherLoopUntilTheLeaseRunsOut() {
        Event event = Event.create(EventKind.PROMOTED, T0, EventSubject.modelVersion("m", 1), Map.of());
        store.append(event);

        assertThat(store.claimDue("a", T0, T0.plusSeconds(60), 10)).hasSize(1);
        assertThat(store.claimDue("b", T0.plusSeconds(30), T0.plusSeconds(90), 10))
                .isEmpty();
        List<StoredEvent> afterLease = store.claimDue("b", T0.plusSeconds(61), T0.plusSeconds(121), 10);

        assertThat(afterLease).extracting(e -> e.event().id()).containsExactly(event.id());
        assertThat(store.delivered(event.id(), "a", 1, T0.plusSeconds(62)))
                .as("a loop whose lease ran out cannot record its late delivery")
                .isFalse();
        assertThat(store.delivered(event.id(), "b", 1, T0.plusSeconds(62))).isTrue();
        assertThat(store.claimDue("c", T0.plusSeconds(200), T0.plusSeconds(260), 10))
                .isEmpty();
    }

    @Test
    void twoDeliveryLoopsOnOneDatabaseDeliverEachEventOnce() {
        List<Event> events = IntStream.range(0, 40)
                .mapToObj(i -> event(EventKind.RUN_FAILED))
                .toList();
        events.forEach(store::append);
        WebhookSettings settings = settings(WebhookFormat.JSON).withPollInterval(Duration.ofMillis(5));

        try (WebhookDelivery first = new WebhookDelivery(store, settings, Clock.systemUTC(), "node-1");
                WebhookDelivery second = new WebhookDelivery(store, settings, Clock.systemUTC(), "node-2")) {
            first.start();
            second.start();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> store.countByStatus().get(DeliveryStatus.DELIVERED) == events.size());
        }

        List<String> keys = requestsFor(events).stream()
                .map(r -> r.header("Idempotency-Key"))
                .toList();
        assertThat(keys).hasSize(events.size()).doesNotHaveDuplicates();
    }

    @Test
    void aDeliveryIsSignedOverTheTimestampAndTheBody() throws Exception {
        Event event = event(EventKind.DRIFT_WARNING);
        store.append(event);

        deliverAll(settings(WebhookFormat.JSON));

        WebhookReceiver.Received received = requestsFor(List.of(event)).get(0);
        String timestamp = received.header("Freshet-Timestamp");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "v1="
                + HexFormat.of()
                        .formatHex(mac.doFinal((timestamp + "." + received.body()).getBytes(StandardCharsets.UTF_8)));
        assertThat(received.header("Freshet-Signature")).isEqualTo(expected);
        assertThat(Long.parseLong(timestamp))
                .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
        assertThat(received.header("Freshet-Event")).isEqualTo("drift.warning");
        assertThat(received.json())
                .containsEntry("id", event.id())
                .containsEntry("kind", "drift.warning")
                .containsEntry("time", event.time().toString())
                .containsEntry("subject", Map.of("workflow_id", "wf", "run_id", "run-1"))
                .containsEntry("payload", Map.of("task_id", "validate"));
    }

    @Test
    void failedAttemptsAreRetriedWithTheSameIdempotencyKeyUntilOneSucceeds() {
        Event event = event(EventKind.GATE_FAILED);
        store.append(event);
        receiver.answer(500, 503);

        deliverAll(settings(WebhookFormat.JSON));

        List<WebhookReceiver.Received> attempts = requestsFor(List.of(event));
        assertThat(attempts).hasSize(3);
        assertThat(attempts).extracting(r -> r.header("Idempotency-Key")).containsOnly(event.id());
        StoredEvent stored = store.latest(Optional.empty(), 1).get(0);
        assertThat(stored.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(stored.attempts()).isEqualTo(3);
        assertThat(stored.lastError()).isEqualTo("the webhook answered HTTP 503");
    }

    @Test
    void anEventStillRefusedAtTheLastAttemptBecomesADeadLetter() {
        Event event = event(EventKind.RUN_FAILED);
        store.append(event);
        receiver.answer(500, 500);

        deliverAll(settings(WebhookFormat.JSON).withMaxAttempts(2));

        assertThat(requestsFor(List.of(event))).hasSize(2);
        assertThat(store.latest(Optional.of(DeliveryStatus.DEAD), 10))
                .singleElement()
                .satisfies(dead -> {
                    assertThat(dead.event().id()).isEqualTo(event.id());
                    assertThat(dead.attempts()).isEqualTo(2);
                    assertThat(dead.lastError()).isEqualTo("the webhook answered HTTP 500");
                });
        assertThat(store.countByStatus())
                .containsEntry(DeliveryStatus.DEAD, 1L)
                .containsEntry(DeliveryStatus.PENDING, 0L);
    }

    @Test
    void theSlackFormatSendsOneLineOfText() {
        Event event = new Event(
                java.util.UUID.randomUUID().toString(),
                EventKind.PROMOTED,
                T0,
                EventSubject.modelVersion("wine-quality", 2),
                Map.of("alias", "champion"));
        store.append(event);

        deliverAll(settings(WebhookFormat.SLACK));

        assertThat(requestsFor(List.of(event)).get(0).json())
                .isEqualTo(Map.of("text", "Freshet: model promoted — model wine-quality version 2 (alias: champion)"));
    }

    /** Runs one loop until nothing is pending any more. */
    private void deliverAll(WebhookSettings settings) {
        try (WebhookDelivery delivery = new WebhookDelivery(store, settings, Clock.systemUTC(), "node")) {
            delivery.start();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> store.countByStatus().get(DeliveryStatus.PENDING) == 0);
        }
    }

    private static WebhookSettings settings(WebhookFormat format) {
        return WebhookSettings.of(receiver.url(), SECRET, format)
                .withBackoff(new Backoff(Duration.ofMillis(10), Duration.ofMillis(40)))
                .withPollInterval(Duration.ofMillis(10));
    }

    /** The receiver's requests for these events (by idempotency key, or for Slack's body, any of them in order). */
    private static List<WebhookReceiver.Received> requestsFor(List<Event> events) {
        List<String> ids = events.stream().map(Event::id).toList();
        return receiver.requests().stream()
                .filter(r -> ids.contains(r.header("Idempotency-Key")))
                .toList();
    }

    private static Event event(EventKind kind) {
        return Event.create(kind, Instant.now(), EventSubject.run("wf", "run-1"), Map.of("task_id", "validate"));
    }
}
