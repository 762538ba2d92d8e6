package dev.freshet.engine;

import dev.freshet.engine.run.DatasetConsumption;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunQuery;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.RunType;
import dev.freshet.engine.run.TriggerRequest;
import dev.freshet.engine.testing.FreshetEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A task's {@code produces:} starts the runs of the workflows whose {@code trigger.datasets} name the dataset. */
class DatasetTriggerTest {
    @RegisterExtension
    static final FreshetEngineExtension freshet = FreshetEngineExtension.builder()
            .workflow("producer.yaml", """
                    id: producer
                    tasks:
                      - {id: land, type: noop}
                      - {id: publish, type: noop, needs: [land], produces: [dataset: batches]}
                    """)
            .workflow("side.yaml", """
                    id: side
                    tasks:
                      - {id: publish, type: noop, produces: [dataset: features]}
                    """)
            .workflow("consumer.yaml", """
                    id: consumer
                    trigger: {datasets: [batches]}
                    tasks:
                      - {id: train, type: noop}
                    """)
            .workflow("held-producer.yaml", """
                    id: held-producer
                    tasks:
                      - {id: publish, type: noop, produces: [dataset: held-batches]}
                    """)
            .workflow("held.yaml", """
                    id: held
                    trigger: {datasets: [held-batches]}
                    tasks:
                      - {id: train, type: noop}
                    """)
            .workflow("joiner.yaml", """
                    id: joiner
                    trigger: {datasets: [batches, features]}
                    tasks:
                      - {id: join, type: noop}
                    """)
            .build();

    @Test
    void aProducedDatasetStartsExactlyOneDownstreamRunWithItsLineage(Engine engine) {
        int before = runsOf(engine, "consumer").size();
        Run producer = finish(engine, "producer");

        String consumerRunId = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> engine.runs().runsStartedBy(producer.runId()).stream()
                                .filter(c -> c.workflowId().equals("consumer"))
                                .map(DatasetConsumption::runId)
                                .toList(),
                        ids -> ids.size() == 1)
                .get(0);
        Run consumer = await().atMost(Duration.ofSeconds(30))
                .until(() -> engine.runs().run(consumerRunId), r -> r.state() == RunState.SUCCESS);
        assertThat(runsOf(engine, "consumer")).hasSize(before + 1);
        assertThat(consumer.runType()).isEqualTo(RunType.DATASET_TRIGGERED);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> datasets =
                (List<Map<String, Object>>) consumer.conf().get("datasets");
        assertThat(datasets).singleElement().satisfies(event -> {
            assertThat(event).containsEntry("dataset", "batches");
            assertThat(event).containsEntry("workflow_id", "producer");
            assertThat(event).containsEntry("run_id", producer.runId());
            assertThat(event).containsEntry("task_id", "publish");
        });
        assertThat(engine.runs().datasetsConsumedBy(consumer.runId()))
                .extracting(c -> c.event().runId())
                .containsExactly(producer.runId());
        assertThat(engine.runs().runsStartedBy(producer.runId()))
                .filteredOn(c -> c.workflowId().equals("consumer"))
                .extracting(DatasetConsumption::runId)
                .containsExactly(consumer.runId());

        // What a restart, or a second engine on the same database, does: the event is claimed, nothing new starts.
        engine.startDatasetRuns();
        engine.startDatasetRuns();
        assertThat(runsOf(engine, "consumer")).hasSize(before + 1);
    }

    @Test
    void aWorkflowOnSeveralDatasetsStartsOnceEachHasANewEvent(Engine engine) {
        int before = runsOf(engine, "joiner").size();
        finish(engine, "producer");
        engine.startDatasetRuns();
        assertThat(runsOf(engine, "joiner")).hasSize(before);

        Run side = finish(engine, "side");

        Run joined = await().atMost(Duration.ofSeconds(30))
                .until(() -> runsOf(engine, "joiner"), runs -> runs.size() == before + 1)
                .get(0);
        assertThat(engine.runs().datasetsConsumedBy(joined.runId()))
                .extracting(c -> c.event().dataset())
                .contains("batches", "features");
        assertThat(engine.runs().datasetsConsumedBy(joined.runId()))
                .extracting(c -> c.event().runId())
                .contains(side.runId());
    }

    @Test
    void aPausedConsumerIsStartedForItsEventsWhenItIsUnpaused(Engine engine) {
        engine.setPaused("held", true);
        Run producer = finish(engine, "held-producer");
        engine.startDatasetRuns();
        assertThat(runsOf(engine, "held")).isEmpty();

        engine.setPaused("held", false);

        Run held = await().atMost(Duration.ofSeconds(30))
                .until(() -> runsOf(engine, "held"), runs -> runs.size() == 1)
                .get(0);
        assertThat(engine.runs().datasetsConsumedBy(held.runId()))
                .extracting(c -> c.event().runId())
                .containsExactly(producer.runId());
    }

    private static Run finish(Engine engine, String workflowId) {
        Run run = engine.runs().trigger(TriggerRequest.manual(workflowId, Map.of(), "test"));
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> engine.runs().run(run.runId()), r -> r.state() == RunState.SUCCESS);
    }

    private static List<Run> runsOf(Engine engine, String workflowId) {
        return engine.runs().runs(new RunQuery(workflowId, null, null, 100, 0)).runs();
    }
}
