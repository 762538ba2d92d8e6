package dev.freshet.engine.workflow;

import dev.freshet.engine.error.InvalidInputException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads one entry of a workflow's {@code tasks:} list; the workflow's defaults fill in what the task leaves out. */
final class TaskReader {
    static final List<String> TASK_KEYS = List.of(
            "id",
            "type",
            "needs",
            "with",
            "retries",
            "retry_delay",
            "retry_exponential_backoff",
            "max_retry_delay",
            "timeout",
            "trigger_rule",
            "produces");

    private final NodeReader nodes;
    private final TaskTypes knownTypes;
    private final TaskDefaults defaults;

    TaskReader(NodeReader nodes, TaskTypes knownTypes, TaskDefaults defaults) {
        this.nodes = nodes;
        this.knownTypes = knownTypes;
        this.defaults = defaults;
    }

    /** @param number the task's 1-based place in the list, to name a task that has no id */
    TaskDraft read(Node node, int number) {
        String name = peekId(node).map(id -> "task '" + id + "'").orElse("task #" + number);
        Optional<NodeReader.Fields> maybeFields = nodes.mapping(node, name, TASK_KEYS);
        if (maybeFields.isEmpty()) {
            return new TaskDraft(null, node, node, List.of(), null);
        }
        NodeReader.Fields fields = maybeFields.get();
        Node idNode = fields.value("id").orElse(node);
        Optional<String> id = required(fields, "id", name).filter(value -> {
            Optional<String> problem = Ids.problem("task id", value);
            problem.ifPresent(message -> nodes.problem(idNode, message));
            return problem.isEmpty();
        });
        Optional<String> type = required(fields, "type", name).filter(value -> knownType(value, fields));
        List<TaskDraft.Need> needs = fields.present("needs").map(this::needs).orElse(List.of());
        Map<String, Object> with = fields.present("with").flatMap(this::with).orElse(Map.of());
        RetryPolicy retryPolicy = retryPolicy(fields);
        Duration timeout = timeout(fields);
        TriggerRule triggerRule = fields.present("trigger_rule")
                .flatMap(n -> nodes.parsed(n, "trigger_rule", TriggerRule::fromYaml))
                .orElse(TriggerRule.ALL_SUCCESS);
        List<String> produces = fields.present("produces")
                .map(n -> new EventTriggerReader(nodes).produces(n))
                .orElse(List.of());

        TaskSpec spec = null;
        // Needs that repeat or name the task itself are the DependencyChecker's to report, with their place.
        boolean needsUsable =
                needs.stream().map(TaskDraft.Need::taskId).distinct().count() == needs.size()
                        && needs.stream()
                                .noneMatch(
                                        need -> id.isPresent() && need.taskId().equals(id.get()));
        if (id.isPresent() && type.isPresent() && needsUsable) {
            try {
                spec = new TaskSpec(
                        id.get(),
                        type.get(),
                        needs.stream().map(TaskDraft.Need::taskId).toList(),
                        with,
                        retryPolicy,
                        timeout,
                        triggerRule,
                        produces);
            } catch (InvalidInputException e) {
                nodes.problem(node, e.getMessage());
            }
        }
        return new TaskDraft(id.orElse(null), idNode, node, needs, spec);
    }

    private static Optional<String> peekId(Node node) {
        if (node instanceof MappingNode mapping) {
            return mapping.getValue().stream()
                    .filter(entry -> entry.getKeyNode() instanceof ScalarNode key
                            && key.getValue().equals("id"))
                    .map(NodeTuple::getValueNode)
                    .filter(value -> value instanceof ScalarNode && !NodeReader.isNull(value))
                    .map(value -> ((ScalarNode) value).getValue())
                    .findFirst();
        }
        return Optional.empty();
    }

    private Optional<String> required(NodeReader.Fields fields, String key, String task) {
        Optional<Node> node = fields.value(key);
        if (node.isEmpty()) {
            String hint = key.equals("type") && !knownTypes.names().isEmpty()
                    ? "; known types: " + String.join(", ", knownTypes.names())
                    : "";
            nodes.problem(fields.node(), task + " has no '" + key + "'" + hint);
            return Optional.empty();
        }
        if (NodeReader.isNull(node.get())) {
            nodes.problem(node.get(), "'" + key + "' of " + task + " is empty");
            return Optional.empty();
        }
        return nodes.string(node.get(), key);
    }

    private boolean knownType(String type, NodeReader.Fields fields) {
        if (knownTypes.isKnown().test(type)) {
            return true;
        }
        nodes.problem(
                fields.value("type").orElseThrow(),
                "unknown task type '" + type + "'" + Spelling.hint(type, knownTypes.names(), "known types"));
        return false;
    }

    private List<TaskDraft.Need> needs(Node node) {
        if (!(node instanceof SequenceNode sequence)) {
            nodes.problem(
                    node,
                    "needs must be a list of task ids, such as needs: [ingest], got " + NodeReader.describe(node));
            return List.of();
        }
        List<TaskDraft.Need> needs = new ArrayList<>();
        for (Node element : sequence.getValue()) {
            if (element instanceof ScalarNode && !NodeReader.isNull(element)) {
                needs.add(new TaskDraft.Need(((ScalarNode) element).getValue(), element));
            } else {
                nodes.problem(
                        element, "needs must be a list of task ids, got " + NodeReader.describe(element) + " in it");
            }
        }
        return needs;
    }

    @SuppressWarnings("unchecked")
    private Optional<Map<String, Object>> with(Node node) {
        if (!(node instanceof MappingNode)) {
            nodes.problem(node, "with must be a mapping of the task's settings, got " + NodeReader.describe(node));
            return Optional.empty();
        }
        return Optional.of((Map<String, Object>) nodes.plainValue(node));
    }

    // An explicit "timeout: ~" lifts the workflow's default timeout for this one task.
    private Duration timeout(NodeReader.Fields fields) {
        Optional<Node> node = fields.value("timeout");
        if (node.isEmpty()) {
            return defaults.timeout();
        }
        return NodeReader.isNull(node.get())
                ? null
                : nodes.duration(node.get(), "timeout", false).orElse(null);
    }

    private RetryPolicy retryPolicy(NodeReader.Fields fields) {
        int retries = fields.present("retries")
                .flatMap(n -> nodes.integer(n, "retries", 0))
                .orElse(defaults.retries());
        Duration retryDelay = fields.present("retry_delay")
                .flatMap(n -> nodes.duration(n, "retry_delay", true))
                .orElse(defaults.retryDelay());
        boolean backoff = fields.present("retry_exponential_backoff")
                .flatMap(n -> nodes.bool(n, "retry_exponential_backoff"))
                .orElse(defaults.retryExponentialBackoff());
        Duration maxRetryDelay = fields.present("max_retry_delay")
                .flatMap(n -> nodes.duration(n, "max_retry_delay", false))
                .orElse(defaults.maxRetryDelay());
        return new RetryPolicy(retries, retryDelay, backoff, maxRetryDelay);
    }
}
