package dev.freshet.engine.run;

import dev.freshet.engine.workflow.TaskSpec;
import dev.freshet.engine.workflow.Workflow;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Decides, from the states of a run's tasks, which tasks are ready, which are upstream_failed or skipped, and
 * whether the run is over. Pure: the caller applies the plan inside the transaction that holds the run's lock.
 */
public final class Dispatcher {

    /** Tasks whose state changed, the tries to hand to the queue, and the run's outcome if it is over. */
    public record Plan(List<TaskRun> changed, List<TryKey> toSubmit, Optional<RunState> runOutcome) {
        public Plan {
            changed = List.copyOf(changed);
            toSubmit = List.copyOf(toSubmit);
        }
    }

    private Dispatcher() {}

    /** {@code slot} is asked before each task is scheduled; a task without a slot stays waiting. */
    public static Plan advance(Workflow workflow, List<TaskRun> taskRuns, BooleanSupplier slot) {
        Map<String, TaskRun> byId = new LinkedHashMap<>();
        taskRuns.forEach(t -> byId.put(t.taskId(), t));
        List<TaskRun> changed = new ArrayList<>();
        List<TryKey> toSubmit = new ArrayList<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (TaskSpec spec : workflow.tasks()) {
                TaskRun task = byId.get(spec.id());
                if (task == null || task.state() != TaskState.NONE) {
                    continue;
                }
                List<TaskState> upstream = spec.needs().stream()
                        .map(byId::get)
                        .filter(Objects::nonNull)
                        .map(TaskRun::state)
                        .toList();
                TaskRun next = switch (TriggerRules.decide(spec.triggerRule(), upstream)) {
                    case WAIT -> null;
                    case RUN -> slot.getAsBoolean() ? task.scheduled(task.tryNumber() + 1) : null;
                    case UPSTREAM_FAILED -> task.moveTo(TaskState.UPSTREAM_FAILED);
                    case SKIP -> task.moveTo(TaskState.SKIPPED);
                };
                if (next != null) {
                    byId.put(next.taskId(), next);
                    changed.add(next);
                    if (next.state() == TaskState.SCHEDULED) {
                        toSubmit.add(new TryKey(next.runId(), next.taskId(), next.tryNumber()));
                    }
                    progress = true;
                }
            }
        }
        return new Plan(changed, toSubmit, outcome(workflow, byId));
    }

    /** Over when every task is terminal; failed when any leaf task failed (as in Airflow). */
    private static Optional<RunState> outcome(Workflow workflow, Map<String, TaskRun> byId) {
        if (!byId.values().stream().allMatch(t -> t.state().isTerminal())) {
            return Optional.empty();
        }
        Set<String> hasDownstream = new HashSet<>();
        workflow.tasks().forEach(t -> hasDownstream.addAll(t.needs()));
        boolean leafFailed = byId.values().stream()
                .filter(t -> !hasDownstream.contains(t.taskId()))
                .anyMatch(t -> t.state().isFailure());
        return Optional.of(leafFailed ? RunState.FAILED : RunState.SUCCESS);
    }
}
