package dev.freshet.tasks;

import dev.freshet.engine.Engine;
import dev.freshet.engine.monitoring.Label;
import dev.freshet.engine.monitoring.PredictionIds;
import dev.freshet.engine.monitoring.PredictionLog;
import dev.freshet.engine.monitoring.ScoredBatch;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.TriggerRequest;
import dev.freshet.engine.testing.FreshetEngineExtension;
import dev.freshet.engine.tracking.ModelVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code export.feedback} writes exactly the labelled predictions, with the label that came back last. */
class ExportFeedbackTaskTest {
    @RegisterExtension
    static final FreshetEngineExtension freshet = FreshetEngineExtension.builder()
            .workflow("train.yaml", """
                    id: train
                    tasks:
                      - {id: fit, type: noop}
                    """)
            .workflow("export.yaml", """
                    id: export
                    params: {since: "2000-01-01T00:00:00Z"}
                    tasks:
                      - id: export
                        type: export.feedback
                        with: {model: wine, to: batches, target: quality, since: "{{ params.since }}"}
                    """)
            .build();

    static PredictionIds.Block ids;

    @BeforeAll
    static void labelledPredictions(Engine engine) {
        Run training = engine.runs().trigger(TriggerRequest.manual("train", Map.of(), "test"));
        ModelVersion version = engine.models()
                .register(
                        "wine",
                        training.runId(),
                        "runs:/x/model",
                        Map.of("rmse", 1.0),
                        Map.of("features", List.of("alcohol", "ph")));
        ids = new PredictionIds().take(5);
        double[][] features = {{10.0, 3.1}, {11.0, 3.2}, {12.0, 3.3}, {13.0, 3.4}, {14.0, 3.5}};
        try (PredictionLog log = engine.monitoring().startLog(PredictionLog.Counts.NONE, 100, 10)) {
            log.offer(new ScoredBatch(
                    ids, "wine", version.version(), Instant.now(), features, new double[] {5, 5, 5, 5, 5}));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.monitoring().logged("wine") == 5);
        engine.monitoring()
                .feedback(
                        "wine",
                        List.of(new Label(ids.id(1), 6.0), new Label(ids.id(3), 4.0), new Label(ids.id(4), 7.0)));
        engine.monitoring().feedback("wine", List.of(new Label(ids.id(3), 5.0))); // a later label replaces
    }

    @Test
    void writesTheLabelledRowsWithTheirFeaturesAndLineage(Engine engine) throws Exception {
        Run run = finish(engine, Map.of());

        Map<String, Object> outputs = engine.runs().taskRuns(run.runId()).get(0).outputs();
        assertThat(outputs)
                .containsEntry("model", "wine")
                .containsEntry("rows", 3)
                .containsEntry("versions", List.of(1))
                .containsEntry("first_prediction_id", ids.id(1))
                .containsEntry("last_prediction_id", ids.id(4));
        Path file = Path.of((String) outputs.get("path"));
        assertThat(file.getParent()).isEqualTo(freshet.workflowsDir().resolve("batches"));
        assertThat(Files.readAllLines(file))
                .containsExactly("alcohol,ph,quality", "11.0,3.2,6.0", "13.0,3.4,5.0", "14.0,3.5,7.0");
    }

    @Test
    void writesNoFileWhenNothingWasLabelledSince(Engine engine) {
        Run run = finish(engine, Map.of("since", "2999-01-01T00:00:00Z"));

        Map<String, Object> outputs = engine.runs().taskRuns(run.runId()).get(0).outputs();
        assertThat(outputs).containsEntry("rows", 0);
        assertThat(outputs.get("path")).isNull();
    }

    private static Run finish(Engine engine, Map<String, Object> conf) {
        Run run = engine.runs().trigger(TriggerRequest.manual("export", conf, "test"));
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> engine.runs().run(run.runId()), r -> r.state().isTerminal());
    }
}
