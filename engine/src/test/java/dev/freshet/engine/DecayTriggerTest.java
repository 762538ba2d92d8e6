package dev.freshet.engine;

import dev.freshet.engine.events.Event;
import dev.freshet.engine.events.EventKind;
import dev.freshet.engine.events.EventSubject;
import dev.freshet.engine.events.StoredEvent;
import dev.freshet.engine.monitoring.Label;
import dev.freshet.engine.monitoring.PredictionIds;
import dev.freshet.engine.monitoring.PredictionLog;
import dev.freshet.engine.monitoring.ScoredBatch;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunQuery;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.TriggerRequest;
import dev.freshet.engine.testing.FreshetEngineExtension;
import dev.freshet.engine.tracking.ModelRegistry;
import dev.freshet.engine.tracking.ModelVersion;
import dev.freshet.engine.trigger.DecayCrossing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code trigger.performance} starts its workflow once per crossing of the champion's realized metric over the line,
 * only with enough labels, and again only after the metric fell back below it.
 */
class DecayTriggerTest {
    private static final int PREDICTIONS = 20;

    @RegisterExtension
    static final FreshetEngineExtension freshet = FreshetEngineExtension.builder()
            .workflow("train.yaml", """
                    id: train
                    tasks:
                      - {id: fit, type: noop}
                    """)
            .workflow("retrain.yaml", """
                    id: retrain
                    trigger:
                      performance: {model: wine, metric: rmse, above: 1.5x_holdout, min_labels: 4}
                    tasks:
                      - {id: fit, type: noop}
                    """)
            .build();

    // shared with the PostgreSQL subclass, which runs after this class on an engine of its own
    static final List<String> ids = new ArrayList<>();
    static final List<DecayCrossing> heard = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void servedModelWithLoggedPredictions(Engine engine) {
        ids.clear();
        heard.clear();
        Run training = engine.runs().trigger(TriggerRequest.manual("train", Map.of(), "test"));
        ModelVersion version =
                engine.models().register("wine", training.runId(), "runs:/x/model", Map.of("rmse", 1.0), Map.of());
        engine.models().promote("wine", ModelRegistry.CHAMPION, version.version(), "test");
        PredictionIds.Block block = new PredictionIds().take(PREDICTIONS);
        IntStream.range(0, PREDICTIONS).forEach(i -> ids.add(block.id(i)));
        double[][] features = new double[PREDICTIONS][];
        IntStream.range(0, PREDICTIONS).forEach(i -> features[i] = new double[] {i});
        try (PredictionLog log = engine.monitoring().startLog(PredictionLog.Counts.NONE, 1000, 100)) {
            log.offer(new ScoredBatch(
                    block, "wine", version.version(), Instant.now(), features, new double[PREDICTIONS]));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.monitoring().logged("wine") == PREDICTIONS);
        engine.onDecayDetected((event, tx) -> heard.add(event));
    }

    @Test
    void firesOncePerCrossingWithEnoughLabelsAndReArmsBelowTheLine(Engine engine) {
        // prediction 0 against label 2: an error of 2, above 1.5 times the holdout rmse of 1 — but 3 labels < 4
        label(engine, 0, 3, 2.0);
        assertThat(decayRuns(engine)).isEmpty();

        label(engine, 3, 4, 2.0);
        assertThat(decayRuns(engine)).singleElement().satisfies(run -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> decay = (Map<String, Object>) run.conf().get("decay");
            assertThat(decay)
                    .containsEntry("model", "wine")
                    .containsEntry("version", 1)
                    .containsEntry("metric", "rmse")
                    .containsEntry("value", 2.0)
                    .containsEntry("threshold", 1.5)
                    .containsEntry("holdout", 1.0)
                    .containsEntry("labels", 4);
        });
        assertThat(heard).singleElement().extracting(DecayCrossing::labels).isEqualTo(4L);
        // the outbox event is written with the crossing and names the run it started
        assertThat(decayEvents(engine)).singleElement().satisfies(event -> {
            assertThat(event.subject())
                    .isEqualTo(
                            new EventSubject("retrain", decayRuns(engine).get(0).runId(), "wine", 1));
            assertThat(event.payload())
                    .containsEntry("metric", "rmse")
                    .containsEntry("realized", 2.0)
                    .containsEntry("threshold", 1.5)
                    .containsEntry("labels", 4);
        });

        // still above the line: more labels, a restart's evaluation — the same crossing, no new run
        label(engine, 4, 6, 2.0);
        engine.evaluateDecay();
        assertThat(decayRuns(engine)).hasSize(1);
        assertThat(decayEvents(engine)).hasSize(1);

        // ten exact labels bring the rmse to sqrt(24 / 16) = 1.22, below the line: re-armed, no run
        label(engine, 6, 16, 0.0);
        assertThat(decayRuns(engine)).hasSize(1);

        // the same ten relabelled far off: a new crossing, a second run
        label(engine, 6, 16, 3.0);
        assertThat(decayRuns(engine)).hasSize(2);
        assertThat(heard).hasSize(2);
        assertThat(decayEvents(engine))
                .extracting(event -> event.subject().runId())
                .containsExactlyInAnyOrderElementsOf(
                        decayRuns(engine).stream().map(Run::runId).toList());
    }

    private static void label(Engine engine, int from, int to, double label) {
        List<Label> labels = IntStream.range(from, to)
                .mapToObj(i -> new Label(ids.get(i), label))
                .toList();
        assertThat(engine.monitoring().feedback("wine", labels).joined()).isEqualTo(to - from);
    }

    private static List<Event> decayEvents(Engine engine) {
        return engine.events().latest(Optional.empty(), 100).stream()
                .map(StoredEvent::event)
                .filter(event -> event.kind() == EventKind.DECAY_DETECTED)
                .toList();
    }

    private static List<Run> decayRuns(Engine engine) {
        return engine.runs().runs(new RunQuery("retrain", null, null, 100, 0)).runs().stream()
                .filter(run -> run.triggeredBy().equals("decay"))
                .filter(run -> run.state() != RunState.FAILED)
                .toList();
    }
}
