package dev.freshet.engine.workflow;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.freshet.engine.workflow.Fixtures.PARSER;
import static dev.freshet.engine.workflow.Fixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;

/** The top-level trigger block: its file trigger, its defaults, and every mistake at its place. */
class WorkflowTriggerTest {

    @Test
    void readsAFileTriggerWithItsSettleAndOnReject() {
        Workflow workflow = PARSER.parse("""
                id: landed
                schedule: "@daily"
                trigger: { files: "landing/*.csv", settle: 5s, on_reject: quarantine }
                tasks: [{id: a, type: noop}]
                """, "workflows/x.yaml");

        assertThat(workflow.trigger().fileTrigger())
                .contains(new FileTrigger("landing/*.csv", Duration.ofSeconds(5), OnReject.QUARANTINE));
        assertThat(workflow.schedule()).isNotNull();
    }

    @Test
    void settleDefaultsToThirtySecondsAndRejectedFilesStayWhereTheyAre() {
        Workflow workflow = PARSER.parse("""
                id: landed
                trigger:
                  files: landing/**/*.parquet
                tasks: [{id: a, type: noop}]
                """, "workflows/x.yaml");

        FileTrigger files = workflow.trigger().fileTrigger().orElseThrow();
        assertThat(files.settle()).isEqualTo(Duration.ofSeconds(30));
        assertThat(files.onReject()).isEqualTo(OnReject.KEEP);
    }

    @Test
    void oneBlockHoldsFilesDatasetsAndPerformanceTogether() {
        Workflow workflow = PARSER.parse("""
                id: retrain
                trigger:
                  files: landing/*.csv
                  datasets: [labels]
                  performance: {model: wine, metric: rmse, above: 0.8}
                tasks: [{id: a, type: noop}]
                """, "workflows/x.yaml");

        assertThat(workflow.trigger())
                .isEqualTo(new WorkflowTrigger(
                        new FileTrigger("landing/*.csv", FileTrigger.DEFAULT_SETTLE, OnReject.KEEP),
                        new DatasetTrigger(List.of("labels")),
                        new PerformanceTrigger("wine", DecayMetric.RMSE, new DecayThreshold(0.8, false), 1)));
        assertThat(workflow.consumes("labels")).isTrue();
        assertThat(workflow.consumes("wine-batches")).isFalse();
    }

    @Test
    void anUnknownKeyBesideTheEventTriggersIsReportedAtItsPlace() {
        assertThat(problems("""
                id: bad
                trigger:
                  datasets: [labels]
                  performanc: {model: wine, metric: rmse, above: 0.8}
                tasks: [{id: a, type: noop}]
                """))
                .containsExactly("workflows/x.yaml:4:3: unknown key 'performanc' in trigger; did you mean"
                        + " 'performance'? Allowed keys: " + String.join(", ", TriggerReader.KEYS));
    }

    @Test
    void aWorkflowWithoutTriggerHasNone() {
        Workflow workflow = PARSER.parse("id: plain\ntasks: [{id: a, type: noop}]\n", "workflows/x.yaml");

        assertThat(workflow.trigger()).isEqualTo(WorkflowTrigger.NONE);
        assertThat(workflow.trigger().fileTrigger()).isEmpty();
    }

    @Test
    void badValuesAreReportedAtTheirPlace() {
        assertThat(problems("""
                id: bad
                trigger:
                  files: "landing/[.csv"
                  settle: soon
                  on_reject: delete
                  fils: x
                tasks: [{id: a, type: noop}]
                """))
                .containsExactly(
                        "workflows/x.yaml:3:10: trigger.files: 'landing/[.csv' is not a valid glob: Missing ']",
                        "workflows/x.yaml:4:11: trigger.settle: invalid duration 'soon'; use e.g. 30s, 10m, 2h, 1d,"
                                + " 500ms, 1h30m, a number of seconds, or ISO-8601 such as PT30S",
                        "workflows/x.yaml:5:14: unknown on_reject 'delete'; allowed: keep, quarantine",
                        "workflows/x.yaml:6:3: unknown key 'fils' in trigger; did you mean 'files'? Allowed keys: "
                                + String.join(", ", TriggerReader.KEYS));
    }

    @Test
    void settleAndOnRejectNeedFilesAndTheBlockMustBeAMapping() {
        assertThat(problems("""
                id: bad
                trigger: { settle: 10s, on_reject: quarantine }
                tasks: [{id: a, type: noop}]
                """))
                .containsExactly(
                        "workflows/x.yaml:2:20: trigger.settle needs trigger.files",
                        "workflows/x.yaml:2:36: trigger.on_reject needs trigger.files");
        assertThat(problems("""
                id: bad
                trigger: "landing/*.csv"
                tasks: [{id: a, type: noop}]
                """))
                .containsExactly(
                        "workflows/x.yaml:2:10: trigger must be a mapping of key: value, got the string 'landing/*.csv'");
    }
}
