package dev.freshet.engine.run;

import dev.freshet.engine.workflow.Workflow;
import dev.freshet.engine.workflow.WorkflowParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure planner: from the states of a run's tasks to what changes, what is queued, and the run's outcome. */
class DispatcherTest {
    private static final WorkflowParser PARSER = new WorkflowParser(Set.of("noop"));
    private static final Workflow DIAMOND = PARSER.parse("""
            id: diamond
            tasks:
              - {id: a, type: noop}
              - {id: b, type: noop, needs: [a]}
              - {id: c, type: noop, needs: [a]}
              - {id: d, type: noop, needs: [b, c]}
              - {id: cleanup, type: noop, needs: [d], trigger_rule: all_done}
            """, "workflows/diamond.yaml");

    private static List<TaskRun> states(Map<String, TaskState> states) {
        List<TaskRun> tasks = new ArrayList<>();
        for (var spec : DIAMOND.tasks()) {
            TaskState state = states.getOrDefault(spec.id(), TaskState.NONE);
            tasks.add(new TaskRun(
                    "r",
                    spec.id(),
                    "noop",
                    state,
                    state == TaskState.NONE ? 0 : 1,
                    1,
                    null,
                    null,
                    null,
                    Map.of(),
                    null,
                    null));
        }
        return tasks;
    }

    private static Dispatcher.Plan plan(Map<String, TaskState> states) {
        return Dispatcher.advance(DIAMOND, states(states), () -> true);
    }

    @Test
    void aNewRunSchedulesOnlyItsRoots() {
        Dispatcher.Plan plan = plan(Map.of());

        assertThat(plan.toSubmit()).containsExactly(new TryKey("r", "a", 1));
        assertThat(plan.changed())
                .extracting(TaskRun::taskId, TaskRun::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", TaskState.SCHEDULED));
        assertThat(plan.runOutcome()).isEmpty();
    }

    @Test
    void aSuccessMakesEveryTaskReadyThatWaitedOnlyForIt() {
        Dispatcher.Plan plan = plan(Map.of("a", TaskState.SUCCESS));

        assertThat(plan.toSubmit()).containsExactly(new TryKey("r", "b", 1), new TryKey("r", "c", 1));
    }

    @Test
    void aTaskWaitsUntilEachTaskItNeedsIsDone() {
        Dispatcher.Plan plan = plan(Map.of("a", TaskState.SUCCESS, "b", TaskState.SUCCESS, "c", TaskState.RUNNING));

        assertThat(plan.changed()).isEmpty();
        assertThat(plan.toSubmit()).isEmpty();
        assertThat(plan.runOutcome()).isEmpty();
    }

    @Test
    void aFailurePropagatesUpstreamFailedWhileAllDoneStillRuns() {
        Dispatcher.Plan plan = plan(Map.of("a", TaskState.SUCCESS, "b", TaskState.FAILED, "c", TaskState.SUCCESS));

        assertThat(plan.changed())
                .extracting(TaskRun::taskId, TaskRun::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("d", TaskState.UPSTREAM_FAILED),
                        org.assertj.core.groups.Tuple.tuple("cleanup", TaskState.SCHEDULED));
        assertThat(plan.toSubmit()).containsExactly(new TryKey("r", "cleanup", 1));
        assertThat(plan.runOutcome()).isEmpty();
    }

    @Test
    void theRunSucceedsWhenEveryTaskIsDoneAndNoLeafFailed() {
        Dispatcher.Plan plan = plan(Map.of(
                "a",
                TaskState.SUCCESS,
                "b",
                TaskState.FAILED,
                "c",
                TaskState.SUCCESS,
                "d",
                TaskState.UPSTREAM_FAILED,
                "cleanup",
                TaskState.SUCCESS));

        assertThat(plan.runOutcome()).contains(RunState.SUCCESS);
    }

    @Test
    void theRunFailsWhenALeafFailed() {
        Dispatcher.Plan plan = plan(Map.of(
                "a",
                TaskState.SUCCESS,
                "b",
                TaskState.SUCCESS,
                "c",
                TaskState.SUCCESS,
                "d",
                TaskState.SUCCESS,
                "cleanup",
                TaskState.FAILED));

        assertThat(plan.runOutcome()).contains(RunState.FAILED);
    }

    @Test
    void aReadyTaskWithoutASlotStaysWaitingAndIsNotQueued() {
        int[] asked = {0};
        Dispatcher.Plan plan =
                Dispatcher.advance(DIAMOND, states(Map.of("a", TaskState.SUCCESS)), () -> ++asked[0] == 1);

        assertThat(asked[0]).as("c was asked for a slot").isGreaterThan(1);
        assertThat(plan.toSubmit()).containsExactly(new TryKey("r", "b", 1));
        assertThat(plan.changed()).extracting(TaskRun::taskId).containsExactly("b");
        assertThat(plan.runOutcome()).isEqualTo(Optional.empty());
    }

    @Test
    void aRetriedTasksNextTryNumberFollowsItsLast() {
        List<TaskRun> tasks = new ArrayList<>(states(Map.of()));
        TaskRun cleared = new TaskRun("r", "a", "noop", TaskState.NONE, 3, 5, null, null, null, Map.of(), null, null);
        tasks.set(0, cleared);

        assertThat(Dispatcher.advance(DIAMOND, tasks, () -> true).toSubmit()).containsExactly(new TryKey("r", "a", 4));
    }
}
