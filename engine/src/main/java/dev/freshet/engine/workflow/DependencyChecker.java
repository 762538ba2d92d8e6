package dev.freshet.engine.workflow;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reports duplicate task ids, needs that name no task, a task or needs entry twice, and cycles. */
final class DependencyChecker {
    private final NodeReader nodes;

    DependencyChecker(NodeReader nodes) {
        this.nodes = nodes;
    }

    void check(List<TaskDraft> drafts) {
        Map<String, TaskDraft> firstById = new LinkedHashMap<>();
        for (TaskDraft draft : drafts) {
            if (draft.id() == null) {
                continue;
            }
            TaskDraft first = firstById.putIfAbsent(draft.id(), draft);
            if (first != null) {
                nodes.problem(
                        draft.idNode(),
                        "duplicate task id '" + draft.id() + "'; the first task with this id is at line "
                                + NodeReader.line(first.idNode()));
            }
        }
        LinkedHashMap<String, List<String>> needsById = new LinkedHashMap<>();
        for (TaskDraft draft : drafts) {
            List<String> usable = checkNeeds(draft, firstById);
            if (draft.id() != null && firstById.get(draft.id()) == draft) {
                needsById.put(draft.id(), usable);
            }
        }
        for (List<String> cycle : new TaskGraph(needsById).cycles()) {
            // Point at the needs entry that closes the circle, in the task the cycle is described from.
            TaskDraft start = firstById.get(cycle.get(0));
            String closing = cycle.get(cycle.size() - 2);
            TaskDraft.Need need = start.needs().stream()
                    .filter(n -> n.taskId().equals(closing))
                    .findFirst()
                    .orElseThrow();
            nodes.problem(need.node(), TaskGraph.describe(cycle));
        }
    }

    /** Reports the bad entries of one task's needs and returns the good ones. */
    private List<String> checkNeeds(TaskDraft draft, Map<String, TaskDraft> firstById) {
        String task = draft.id() == null ? "this task" : "task '" + draft.id() + "'";
        Set<String> seen = new HashSet<>();
        List<String> usable = new ArrayList<>();
        for (TaskDraft.Need need : draft.needs()) {
            String id = need.taskId();
            if (!seen.add(id)) {
                nodes.problem(need.node(), task + " lists '" + id + "' twice in needs");
            } else if (id.equals(draft.id())) {
                nodes.problem(need.node(), task + " needs itself");
            } else if (!firstById.containsKey(id)) {
                List<String> others = firstById.keySet().stream()
                        .filter(other -> !other.equals(draft.id()))
                        .toList();
                nodes.problem(need.node(), task + " needs unknown task '" + id + "'" + Spelling.suggestion(id, others));
            } else {
                usable.add(id);
            }
        }
        return usable;
    }
}
