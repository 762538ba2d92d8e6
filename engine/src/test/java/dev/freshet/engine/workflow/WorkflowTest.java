package dev.freshet.engine.workflow;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.error.NotFoundException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.freshet.engine.workflow.Fixtures.PARSER;
import static dev.freshet.engine.workflow.Fixtures.workflowFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkflowTest {
    private static final String HASH = "0".repeat(64);

    // Listed out of order on purpose: the order of the file is not an order of execution.
    private final Workflow diamond = PARSER.parse("""
            id: diamond
            tasks:
              - {id: report, type: noop, needs: [left, right]}
              - {id: right, type: noop, needs: [start]}
              - {id: left, type: noop, needs: [start]}
              - {id: start, type: noop}
              - {id: lonely, type: noop}
            """, "diamond.yaml");

    @Test
    void findsTasksAndTheirNeighbours() {
        assertThat(diamond.task("left")).map(TaskSpec::type).contains("noop");
        assertThat(diamond.task("nope")).isEmpty();
        assertThat(diamond.upstream("report")).extracting(TaskSpec::id).containsExactly("left", "right");
        assertThat(diamond.upstream("start")).isEmpty();
        assertThat(diamond.downstream("start"))
                .extracting(TaskSpec::id)
                .as("in file order")
                .containsExactly("right", "left");
        assertThat(diamond.downstream("report")).isEmpty();
        assertThatThrownBy(() -> diamond.upstream("nope"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("workflow 'diamond' has no task 'nope'");
        assertThatThrownBy(() -> diamond.downstream("nope")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void ordersTasksAfterWhatTheyNeedAndOtherwiseByFileOrder() {
        assertThat(diamond.topologicalOrder())
                .extracting(TaskSpec::id)
                .containsExactly("start", "right", "left", "report", "lonely");
        assertThat(PARSER.parse(workflowFile("wine-quality.yaml")).topologicalOrder())
                .extracting(TaskSpec::id)
                .containsExactly("ingest", "validate", "train", "evaluate", "promote");
    }

    @Test
    void refusesToBeBuiltWithBrokenInvariants() {
        TaskSpec a = task("a", List.of("b"));
        TaskSpec b = task("b", List.of("a"));

        assertThatThrownBy(() -> workflow("w", List.of(a, b)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("workflow 'w' has a cycle: a -> b -> a");
        assertThatThrownBy(() -> workflow("w", List.of(a)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("task 'a' needs unknown task 'b'");
        assertThatThrownBy(() -> workflow("w", List.of(task("a", List.of()), task("a", List.of()))))
                .hasMessage("workflow 'w' has two tasks with id 'a'");
        assertThatThrownBy(() -> workflow("w", List.of())).hasMessage("workflow 'w' has no tasks");
        assertThatThrownBy(() -> workflow("bad id", List.of(task("a", List.of()))))
                .hasMessageContaining("workflow id 'bad id' may only contain");
        assertThatThrownBy(() -> task("a", List.of("a"))).hasMessage("task 'a' needs itself");
        assertThatThrownBy(() -> task("a", List.of("b", "b"))).hasMessage("task 'a' lists 'b' twice in needs");
    }

    @Test
    void copiesWhatItIsGivenAndFillsInDefaults() {
        java.util.ArrayList<TaskSpec> tasks = new java.util.ArrayList<>(List.of(task("a", List.of())));
        Workflow workflow = new Workflow(
                "w", null, null, null, false, 1, 1, null, null, null, null, null, null, tasks, null, null, HASH);
        tasks.clear();

        assertThat(workflow.tasks()).hasSize(1);
        assertThat(workflow.description()).isEmpty();
        assertThat(workflow.timezone()).isEqualTo(Workflow.DEFAULT_TIMEZONE);
        assertThat(workflow.defaults()).isEqualTo(TaskDefaults.BUILT_IN);
        assertThat(workflow.tags()).isEmpty();
        assertThat(workflow.params()).isEmpty();
        assertThat(task("t", null).triggerRule()).isEqualTo(TriggerRule.ALL_SUCCESS);
        assertThat(task("t", null).retryPolicy()).isEqualTo(RetryPolicy.NONE);
    }

    @Test
    void defaultParamsMayHoldNullsAndKeepFileOrder() {
        Workflow workflow = PARSER.parse("""
                id: p
                params:
                  zeta: 1
                  alpha: ~
                  mid: {type: integer, description: no default}
                tasks: [{id: a, type: noop}]
                """, "p.yaml");

        assertThat(workflow.defaultParams().keySet()).containsExactly("zeta", "alpha", "mid");
        assertThat(workflow.defaultParams())
                .containsEntry("alpha", null)
                .containsEntry("mid", null)
                .containsEntry("zeta", 1L);
    }

    private static TaskSpec task(String id, List<String> needs) {
        return new TaskSpec(id, "noop", needs, Map.of(), null, null, null);
    }

    private static Workflow workflow(String id, List<TaskSpec> tasks) {
        return new Workflow(
                id, "", null, null, false, 1, 1, null, null, null, List.of(), Map.of(), null, tasks, null, null, HASH);
    }
}
