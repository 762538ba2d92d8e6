package dev.freshet.engine;

import dev.freshet.engine.events.Backoff;
import dev.freshet.engine.events.DecayDetected;
import dev.freshet.engine.events.DeliveryStatus;
import dev.freshet.engine.events.Event;
import dev.freshet.engine.events.EventKind;
import dev.freshet.engine.events.StoredEvent;
import dev.freshet.engine.events.WebhookFormat;
import dev.freshet.engine.events.WebhookSettings;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.TriggerRequest;
import dev.freshet.engine.testdb.TestDatabase;
import dev.freshet.engine.testdb.TestDatabases;
import dev.freshet.engine.testing.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events through a real engine: a failing run and the registry's moves write their events with the change, and an
 * event committed by an engine that stopped before delivering it is delivered once by the next engine on the same
 * database, with the same idempotency key. On H2 here, on PostgreSQL in {@link EngineEventsOnPostgresTest}.
 */
@ExtendWith(TestDatabases.class)
class EngineEventsTest {
    @TempDir
    static Path root;

    static WebhookReceiver receiver;

    static TestDatabase database;

    @BeforeAll
    static void startReceiver(TestDatabase testDatabase) {
        database = testDatabase;
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void anEventCommittedBeforeACrashIsDeliveredOnceByTheNextEngine() throws Exception {
        EngineConfig config = config("crash");
        Run failed;
        Event event;
        try (Engine first = Engine.start(config)) {
            failed = first.runs()
                    .awaitRun(
                            first.runs()
                                    .trigger(TriggerRequest.manual("fails", Map.of(), "test"))
                                    .runId(),
                            Duration.ofMinutes(1));
            assertThat(failed.state()).isEqualTo(RunState.FAILED);
            List<StoredEvent> pending = first.events().latest(Optional.of(DeliveryStatus.PENDING), 10);
            assertThat(pending).hasSize(1);
            event = pending.get(0).event();
            // stopped before any delivery: this engine has no webhook
        }
        assertThat(event.kind()).isEqualTo(EventKind.RUN_FAILED);
        assertThat(event.subject().runId()).isEqualTo(failed.runId());
        assertThat(event.payload())
                .containsEntry(
                        "failed_tasks", List.of(Map.of("task_id", "boom", "error", "command exited with code 3")));

        try (Engine second = Engine.start(config)) {
            second.deliverEvents(settings());
            await().atMost(Duration.ofSeconds(30)).until(() -> keys(event).size() == 1);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> second.events().countByStatus().get(DeliveryStatus.DELIVERED) == 1);
        }
        try (Engine third = Engine.start(config)) {
            third.deliverEvents(settings());
            await().during(Duration.ofMillis(800))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> keys(event).size() == 1);
        }
        assertThat(receiver.events("run.failed"))
                .filteredOn(r -> event.id().equals(r.header("Idempotency-Key")))
                .singleElement()
                .satisfies(r -> assertThat(r.subject()).containsEntry("run_id", failed.runId()));
    }

    @Test
    void promotionsRollbacksAndDecayAreEventsDeliveredAsTheyHappen() throws Exception {
        try (Engine engine = Engine.start(config("registry"))) {
            engine.deliverEvents(settings());
            String runId = engine.runs()
                    .awaitRun(
                            engine.runs()
                                    .trigger(TriggerRequest.manual("fails", Map.of(), "test"))
                                    .runId(),
                            Duration.ofMinutes(1))
                    .runId();
            int v1 = engine.models()
                    .register("events-model", runId, "runs:/x/m1", Map.of(), Map.of())
                    .version();
            int v2 = engine.models()
                    .register("events-model", runId, "runs:/x/m2", Map.of(), Map.of())
                    .version();
            engine.models().promote("events-model", "champion", v1, "first");
            engine.models().promote("events-model", "champion", v2, "better");
            engine.models().rollback("events-model", "champion");
            Event decay = engine.events().decayDetected(new DecayDetected("events-model", v1, "rmse", 0.91, 0.8, 250));

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> engine.events().countByStatus().get(DeliveryStatus.DELIVERED) == 5);
            assertThat(receiver.events("model.promoted"))
                    .filteredOn(r -> "events-model".equals(r.subject().get("model")))
                    .extracting(r ->
                            r.payload().get("from_version") + "->" + r.payload().get("to_version"))
                    .containsExactlyInAnyOrder("null->1", "1->2");
            assertThat(receiver.events("model.rolled_back")).singleElement().satisfies(r -> {
                assertThat(r.subject()).containsEntry("model", "events-model").containsEntry("version", 1);
                assertThat(r.payload()).containsEntry("from_version", 2).containsEntry("to_version", 1);
            });
            assertThat(receiver.events("decay.detected")).singleElement().satisfies(r -> {
                assertThat(r.header("Idempotency-Key")).isEqualTo(decay.id());
                assertThat(r.payload())
                        .containsEntry("metric", "rmse")
                        .containsEntry("realized", 0.91)
                        .containsEntry("labels", 250);
            });
        }
    }

    private static List<String> keys(Event event) {
        return receiver.requests().stream()
                .map(r -> r.header("Idempotency-Key"))
                .filter(event.id()::equals)
                .toList();
    }

    private static EngineConfig config(String name) throws IOException {
        Path workflows = Files.createDirectories(root.resolve(name).resolve("workflows"));
        Files.writeString(workflows.resolve("fails.yaml"), """
                id: fails
                tasks:
                  - {id: boom, type: shell, with: {command: "exit 3"}}
                """);
        return database.configure(EngineConfig.defaults(root.resolve(name).resolve("home")))
                .withWorkflowsDir(workflows)
                .withParallelism(2);
    }

    private static WebhookSettings settings() {
        return WebhookSettings.of(receiver.url(), "secret", WebhookFormat.JSON)
                .withBackoff(new Backoff(Duration.ofMillis(10), Duration.ofMillis(50)))
                .withPollInterval(Duration.ofMillis(20));
    }
}
