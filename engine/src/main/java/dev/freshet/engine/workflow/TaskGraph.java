package dev.freshet.engine.workflow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The dependency graph of a workflow's tasks, in file order. Edges point the way work flows: from a task to the
 * tasks that need it. Needs naming unknown tasks are ignored here; the parser reports them.
 */
final class TaskGraph {
    private final List<String> ids;
    private final Map<String, Integer> position = new HashMap<>();
    private final Map<String, List<String>> upstream = new HashMap<>();
    private final Map<String, List<String>> downstream = new HashMap<>();

    /** @param needsById task id to the ids it needs, in file order */
    TaskGraph(LinkedHashMap<String, List<String>> needsById) {
        this.ids = List.copyOf(needsById.keySet());
        for (String id : ids) {
            position.put(id, position.size());
            upstream.put(id, new ArrayList<>());
            downstream.put(id, new ArrayList<>());
        }
        needsById.forEach((id, needs) -> {
            for (String need : needs) {
                if (position.containsKey(need)) {
                    upstream.get(id).add(need);
                    downstream.get(need).add(id);
                }
            }
        });
    }

    /**
     * One cycle for each group of tasks that depend on each other in a circle, as a path in flow order that ends
     * where it starts (e.g. {@code [a, b, c, a]}: b needs a, c needs b, a needs c). Each path starts at the group's
     * first task in file order and is a shortest one through it.
     */
    List<List<String>> cycles() {
        List<List<String>> cycles = new ArrayList<>();
        for (Set<String> component : new StronglyConnected().components()) {
            String start = component.stream()
                    .min((a, b) -> position.get(a) - position.get(b))
                    .orElseThrow();
            if (component.size() > 1 || upstream.get(start).contains(start)) {
                cycles.add(shortestCycleThrough(start, component));
            }
        }
        cycles.sort((a, b) -> position.get(a.get(0)) - position.get(b.get(0)));
        return cycles;
    }

    /** E.g. {@code cycle: a -> b -> c -> a} for the path {@code [a, b, c, a]} from {@link #cycles()}. */
    static String describe(List<String> cycle) {
        return "cycle: " + String.join(" -> ", cycle);
    }

    /** Every task after all the tasks it needs; among tasks that are ready together, file order decides. */
    List<String> topologicalOrder() {
        Map<String, Integer> waitingFor = new HashMap<>();
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (String id : ids) {
            waitingFor.put(id, upstream.get(id).size());
            if (upstream.get(id).isEmpty()) {
                ready.add(position.get(id));
            }
        }
        List<String> order = new ArrayList<>(ids.size());
        while (!ready.isEmpty()) {
            String id = ids.get(ready.poll());
            order.add(id);
            for (String next : downstream.get(id)) {
                if (waitingFor.merge(next, -1, Integer::sum) == 0) {
                    ready.add(position.get(next));
                }
            }
        }
        if (order.size() != ids.size()) {
            throw new IllegalStateException("the tasks have a cycle: " + cycles());
        }
        return order;
    }

    private List<String> shortestCycleThrough(String start, Set<String> component) {
        Map<String, String> cameFrom = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String current = queue.poll();
            for (String next : downstream.get(current)) {
                if (next.equals(start)) {
                    List<String> path = new ArrayList<>(List.of(start));
                    for (String step = current; !step.equals(start); step = cameFrom.get(step)) {
                        path.add(1, step);
                    }
                    path.add(start);
                    return path;
                }
                if (component.contains(next) && !cameFrom.containsKey(next)) {
                    cameFrom.put(next, current);
                    queue.add(next);
                }
            }
        }
        throw new IllegalStateException(start + " is on no cycle");
    }

    /** Tarjan's algorithm; recursion depth is at most the number of tasks. */
    private final class StronglyConnected {
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> lowLink = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new HashSet<>();
        private final List<Set<String>> components = new ArrayList<>();

        List<Set<String>> components() {
            for (String id : ids) {
                if (!index.containsKey(id)) {
                    visit(id);
                }
            }
            return Collections.unmodifiableList(components);
        }

        private void visit(String id) {
            index.put(id, index.size());
            lowLink.put(id, index.get(id));
            stack.push(id);
            onStack.add(id);
            for (String next : downstream.get(id)) {
                if (!index.containsKey(next)) {
                    visit(next);
                    lowLink.put(id, Math.min(lowLink.get(id), lowLink.get(next)));
                } else if (onStack.contains(next)) {
                    lowLink.put(id, Math.min(lowLink.get(id), index.get(next)));
                }
            }
            if (lowLink.get(id).equals(index.get(id))) {
                Set<String> component = new HashSet<>();
                String member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    component.add(member);
                } while (!member.equals(id));
                components.add(component);
            }
        }
    }
}
