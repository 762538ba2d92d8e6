package dev.freshet.engine.workflow;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalDouble;

import static dev.freshet.engine.workflow.Fixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code produces:}, {@code trigger.datasets} and {@code trigger.performance}: read, or reported at their place. */
class EventTriggerParsingTest {

    @Test
    void readsProducesAndBothEventTriggers() {
        Workflow workflow = Fixtures.PARSER.parse("""
                id: retrain
                trigger:
                  datasets: [wine-batches, labels]
                  performance: {model: wine-quality, metric: rmse, above: 1.1x_holdout, min_labels: 200}
                tasks:
                  - {id: export, type: noop, produces: [dataset: wine-batches, dataset: feedback]}
                """, "workflows/retrain.yaml");

        assertThat(workflow.task("export").orElseThrow().produces()).containsExactly("wine-batches", "feedback");
        assertThat(workflow.trigger().datasets().datasets()).containsExactly("wine-batches", "labels");
        assertThat(workflow.consumes("labels")).isTrue();
        PerformanceTrigger performance = workflow.trigger().performance();
        assertThat(performance.model()).isEqualTo("wine-quality");
        assertThat(performance.metric()).isEqualTo(DecayMetric.RMSE);
        assertThat(performance.minLabels()).isEqualTo(200);
        assertThat(performance.above().line(OptionalDouble.of(0.5)).getAsDouble())
                .isCloseTo(0.55, within());
        assertThat(Fixtures.PARSER
                        .parse(
                                "id: x\ntrigger: {performance: {model: m, metric: mae, above: 0.7}}\n"
                                        + "tasks: [{id: a, type: noop}]\n",
                                "workflows/x.yaml")
                        .trigger()
                        .performance())
                .isEqualTo(new PerformanceTrigger("m", DecayMetric.MAE, new DecayThreshold(0.7, false), 1));
    }

    /** Each run's success would record an event that starts the next run: a loop that never ends. */
    @Test
    void aWorkflowTriggeredOnlyByDatasetsItsOwnTasksProduceIsRefusedAtEachDataset() {
        assertThat(problems("""
                id: loop
                trigger:
                  datasets: [batches, features]
                tasks:
                  - {id: a, type: noop, produces: [dataset: features]}
                  - {id: b, type: noop, needs: [a], produces: [dataset: batches]}
                """))
                .containsExactly(
                        "workflows/x.yaml:3:14: trigger.datasets: 'batches' is produced by this workflow's own task"
                                + " 'b', so each run would start the next without end",
                        "workflows/x.yaml:3:23: trigger.datasets: 'features' is produced by this workflow's own task"
                                + " 'a', so each run would start the next without end");
    }

    /** A run waits for a new event of every dataset listed, so one produced elsewhere paces the runs: no loop. */
    @Test
    void aWorkflowThatAlsoWaitsForADatasetFromElsewhereLoads() {
        Workflow workflow = Fixtures.PARSER.parse("""
                id: paced
                trigger:
                  datasets: [labels, batches]
                tasks:
                  - {id: a, type: noop}
                  - {id: b, type: noop, needs: [a], produces: [dataset: batches]}
                """, "workflows/paced.yaml");

        assertThat(workflow.trigger().datasets().datasets()).containsExactly("labels", "batches");
    }

    @Test
    void mistakesAreReportedAtTheirPlace() {
        assertThat(problems("""
                id: bad
                trigger:
                  datasets: [ok, "no spaces", ok]
                  performance: {model: wine, metric: r2, above: 1.1x_holdou, min_labels: 0}
                  file: x
                tasks:
                  - {id: a, type: noop, produces: [wine-batches, {dataset: ok, table: t}]}
                """))
                .containsExactlyInAnyOrderElementsOf(List.of(
                        "workflows/x.yaml:3:18: dataset name 'no spaces' may only contain letters, digits, '_', '.' and"
                                + " '-'",
                        "workflows/x.yaml:3:31: dataset 'ok' is listed twice",
                        "workflows/x.yaml:4:38: metric must be rmse or mae, got 'r2'",
                        "workflows/x.yaml:4:49: above must be a number such as 0.75 or a factor of the holdout metric"
                                + " such as 1.1x_holdout, got '1.1x_holdou'",
                        "workflows/x.yaml:4:74: min_labels must be at least 1, got 0",
                        "workflows/x.yaml:5:3: unknown key 'file' in trigger; did you mean 'files'? Allowed keys: "
                                + String.join(", ", TriggerReader.KEYS),
                        "workflows/x.yaml:7:36: an entry of produces (dataset: NAME) must be a mapping of key: value,"
                                + " got the string 'wine-batches'",
                        "workflows/x.yaml:7:64: unknown key 'table' in an entry of produces (dataset: NAME); allowed"
                                + " keys: dataset"));
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-12);
    }
}
