package dev.freshet.engine.workflow;

import dev.freshet.engine.error.InvalidInputException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns the node tree of one workflow file into a {@link Workflow}, reporting every problem on the way. */
final class WorkflowReader {
    static final List<String> TOP_LEVEL_KEYS = List.of(
            "$schema",
            "id",
            "description",
            "schedule",
            "timezone",
            "catchup",
            "max_active_runs",
            "max_active_tasks",
            "dagrun_timeout",
            "start_date",
            "end_date",
            "tags",
            "params",
            "defaults",
            "tasks",
            "trigger");
    static final List<String> DEFAULTS_KEYS =
            List.of("retries", "retry_delay", "retry_exponential_backoff", "max_retry_delay", "timeout");
    static final List<String> TYPED_PARAM_KEYS =
            List.of("type", "default", "minimum", "maximum", "enum", "description");

    private final NodeReader nodes;
    private final TaskTypes knownTaskTypes;

    WorkflowReader(NodeReader nodes, TaskTypes knownTaskTypes) {
        this.nodes = nodes;
        this.knownTaskTypes = knownTaskTypes;
    }

    /** The workflow, or empty when there were problems (they are in the {@link NodeReader}). */
    Optional<Workflow> read(Node root, Path source, String sourceHash) {
        Optional<NodeReader.Fields> maybeTop = nodes.mapping(root, "the workflow", TOP_LEVEL_KEYS);
        if (maybeTop.isEmpty()) {
            return Optional.empty();
        }
        NodeReader.Fields top = maybeTop.get();
        top.present("$schema").ifPresent(node -> nodes.string(node, "$schema"));
        Optional<String> id = required(top, "id", "the workflow")
                .filter(value -> validId("workflow id", value, top.value("id").orElseThrow()));
        String description = top.present("description")
                .flatMap(node -> nodes.string(node, "description"))
                .map(String::strip)
                .orElse("");
        Schedule schedule = top.present("schedule")
                .flatMap(node -> nodes.parsed(node, "schedule", Schedule::new))
                .orElse(null);
        ZoneId timezone = top.present("timezone")
                .flatMap(node -> nodes.parsed(node, "timezone", WorkflowReader::zone))
                .orElse(Workflow.DEFAULT_TIMEZONE);
        boolean catchup = top.present("catchup")
                .flatMap(node -> nodes.bool(node, "catchup"))
                .orElse(false);
        int maxActiveRuns = top.present("max_active_runs")
                .flatMap(node -> nodes.integer(node, "max_active_runs", 1))
                .orElse(Workflow.DEFAULT_MAX_ACTIVE_RUNS);
        int maxActiveTasks = top.present("max_active_tasks")
                .flatMap(node -> nodes.integer(node, "max_active_tasks", 1))
                .orElse(Workflow.DEFAULT_MAX_ACTIVE_TASKS);
        Duration dagrunTimeout = top.present("dagrun_timeout")
                .flatMap(node -> nodes.duration(node, "dagrun_timeout", false))
                .orElse(null);
        Instant startDate = top.present("start_date")
                .flatMap(node -> instant(node, "start_date", timezone))
                .orElse(null);
        Instant endDate = top.present("end_date")
                .flatMap(node -> instant(node, "end_date", timezone))
                .orElse(null);
        if (startDate != null && endDate != null && endDate.isBefore(startDate)) {
            nodes.problem(top.value("end_date").orElseThrow(), "end_date is before start_date");
        }
        List<String> tags = top.present("tags").map(this::tags).orElse(List.of());
        Map<String, ParamSpec> params = top.present("params").map(this::params).orElse(Map.of());
        TaskDefaults defaults = top.present("defaults").flatMap(this::defaults).orElse(TaskDefaults.BUILT_IN);
        List<TaskDraft> drafts = tasks(top, defaults);
        new DependencyChecker(nodes).check(drafts);
        WorkflowTrigger trigger =
                top.present("trigger").map(new TriggerReader(nodes)::read).orElse(WorkflowTrigger.NONE);
        if (nodes.problems().isEmpty()) { // on what was read as written: a dataset dropped as invalid would mislead it
            trigger.datasetTrigger().ifPresent(datasets -> noSelfTrigger(top, drafts, datasets));
        }

        if (!nodes.problems().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Workflow(
                    id.orElseThrow(),
                    description,
                    schedule,
                    timezone,
                    catchup,
                    maxActiveRuns,
                    maxActiveTasks,
                    dagrunTimeout,
                    startDate,
                    endDate,
                    tags,
                    params,
                    defaults,
                    drafts.stream().map(TaskDraft::spec).toList(),
                    trigger,
                    source,
                    sourceHash));
        } catch (InvalidInputException e) {
            nodes.problem(root, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * A workflow may not be triggered by datasets that only its own tasks produce: each run's success would start the
     * next run, without end. One dataset from elsewhere among them breaks the loop (a run waits for an event of every
     * dataset listed). Reported at each dataset's entry in {@code trigger.datasets}.
     */
    private void noSelfTrigger(NodeReader.Fields top, List<TaskDraft> drafts, DatasetTrigger datasets) {
        Map<String, String> producers = new LinkedHashMap<>();
        for (TaskDraft draft : drafts) {
            draft.spec().produces().forEach(dataset -> producers.putIfAbsent(dataset, draft.id()));
        }
        if (!producers.keySet().containsAll(datasets.datasets())) {
            return;
        }
        for (String dataset : datasets.datasets()) {
            nodes.problem(
                    datasetEntry(top, dataset),
                    "trigger.datasets: '" + dataset + "' is produced by this workflow's own task '"
                            + producers.get(dataset) + "', so each run would start the next without end");
        }
    }

    private static Node datasetEntry(NodeReader.Fields top, String dataset) {
        Node trigger = top.value("trigger").orElseThrow();
        if (trigger instanceof MappingNode mapping) {
            for (var entry : mapping.getValue()) {
                if (entry.getKeyNode() instanceof ScalarNode key
                        && key.getValue().equals("datasets")
                        && entry.getValueNode() instanceof SequenceNode list) {
                    for (Node element : list.getValue()) {
                        if (element instanceof ScalarNode name
                                && name.getValue().equals(dataset)) {
                            return element;
                        }
                    }
                }
            }
        }
        return trigger;
    }

    /** The string value of a key that must be there and not be empty. */
    private Optional<String> required(NodeReader.Fields fields, String key, String owner) {
        Optional<Node> node = fields.value(key);
        if (node.isEmpty()) {
            nodes.problem(fields.node(), owner + " has no '" + key + "'");
            return Optional.empty();
        }
        if (NodeReader.isNull(node.get())) {
            nodes.problem(node.get(), "'" + key + "' of " + owner + " is empty");
            return Optional.empty();
        }
        return nodes.string(node.get(), key);
    }

    private boolean validId(String what, String id, Node node) {
        Optional<String> problem = Ids.problem(what, id);
        problem.ifPresent(message -> nodes.problem(node, message));
        return problem.isEmpty();
    }

    private static ZoneId zone(String name) {
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw new InvalidInputException(
                    "unknown timezone '" + name + "'; use an IANA name such as UTC or Europe/Amsterdam");
        }
    }

    /** A date is midnight in the workflow's timezone, as is a date-time without an offset. */
    private Optional<Instant> instant(Node node, String what, ZoneId timezone) {
        return nodes.parsed(node, what, text -> {
            try {
                return ZonedDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notZoned) {
                try {
                    return LocalDateTime.parse(text).atZone(timezone).toInstant();
                } catch (DateTimeParseException notLocal) {
                    try {
                        return LocalDate.parse(text).atStartOfDay(timezone).toInstant();
                    } catch (DateTimeParseException notDate) {
                        throw new InvalidInputException(
                                what + " must be an ISO date such as 2024-01-31 or date-time such as"
                                        + " 2024-01-31T06:00:00Z, got '" + text + "'");
                    }
                }
            }
        });
    }

    private List<String> tags(Node node) {
        List<String> tags = new ArrayList<>();
        for (Node element : nodes.sequence(node, "tags").orElse(List.of())) {
            nodes.string(element, "a tag").ifPresent(tag -> {
                if (tag.isBlank()) {
                    nodes.problem(element, "a tag must not be blank");
                } else if (tags.contains(tag)) {
                    nodes.problem(element, "tag '" + tag + "' is listed twice");
                } else {
                    tags.add(tag);
                }
            });
        }
        return tags;
    }

    private Optional<TaskDefaults> defaults(Node node) {
        return nodes.mapping(node, "defaults", DEFAULTS_KEYS).flatMap(fields -> {
            TaskDefaults builtIn = TaskDefaults.BUILT_IN;
            int retries = fields.present("retries")
                    .flatMap(n -> nodes.integer(n, "retries", 0))
                    .orElse(builtIn.retries());
            Duration retryDelay = fields.present("retry_delay")
                    .flatMap(n -> nodes.duration(n, "retry_delay", true))
                    .orElse(builtIn.retryDelay());
            boolean backoff = fields.present("retry_exponential_backoff")
                    .flatMap(n -> nodes.bool(n, "retry_exponential_backoff"))
                    .orElse(builtIn.retryExponentialBackoff());
            Duration maxRetryDelay = fields.present("max_retry_delay")
                    .flatMap(n -> nodes.duration(n, "max_retry_delay", false))
                    .orElse(builtIn.maxRetryDelay());
            Duration timeout = fields.present("timeout")
                    .flatMap(n -> nodes.duration(n, "timeout", false))
                    .orElse(builtIn.timeout());
            return Optional.of(new TaskDefaults(retries, retryDelay, backoff, maxRetryDelay, timeout));
        });
    }

    private Map<String, ParamSpec> params(Node node) {
        Map<String, ParamSpec> params = new LinkedHashMap<>();
        nodes.mapping(node, "params", null)
                .ifPresent(fields -> fields.entries().forEach((name, entry) -> {
                    Optional<String> nameProblem = ParamSpec.nameProblem(name);
                    if (nameProblem.isPresent()) {
                        nodes.problem(entry.getKeyNode(), nameProblem.get());
                        return;
                    }
                    Node value = entry.getValueNode();
                    Optional<ParamSpec> spec = isTypedParam(value)
                            ? typedParam(name, entry.getKeyNode(), value)
                            : Optional.of(ParamSpec.untyped(name, nodes.plainValue(value)));
                    spec.ifPresent(s -> params.put(name, s));
                }));
        return params;
    }

    // {alpha: {type: number, default: 0.5}} declares a param; {point: {x: 1, y: 2}} is a param whose default is a map.
    private static boolean isTypedParam(Node value) {
        return value instanceof MappingNode mapping
                && mapping.getValue().stream()
                        .map(entry -> entry.getKeyNode() instanceof ScalarNode key ? key.getValue() : "")
                        .anyMatch(key -> key.equals("type") || key.equals("default"));
    }

    private Optional<ParamSpec> typedParam(String name, Node keyNode, Node value) {
        return nodes.mapping(value, "param '" + name + "'", TYPED_PARAM_KEYS).flatMap(fields -> {
            ParamType type = fields.present("type")
                    .flatMap(n -> nodes.parsed(n, "type", ParamType::fromYaml))
                    .orElse(null);
            Number minimum = fields.present("minimum")
                    .flatMap(n -> nodes.number(n, "minimum"))
                    .orElse(null);
            Number maximum = fields.present("maximum")
                    .flatMap(n -> nodes.number(n, "maximum"))
                    .orElse(null);
            List<Object> allowed = new ArrayList<>();
            fields.present("enum")
                    .flatMap(n -> nodes.sequence(n, "enum"))
                    .ifPresent(elements -> elements.forEach(element -> allowed.add(nodes.plainValue(element))));
            String description = fields.present("description")
                    .flatMap(n -> nodes.string(n, "description"))
                    .orElse("");
            ParamSpec withoutDefault;
            try {
                withoutDefault = new ParamSpec(name, type, null, minimum, maximum, allowed, description);
            } catch (InvalidInputException e) {
                nodes.problem(keyNode, e.getMessage());
                return Optional.empty();
            }
            Optional<Node> defaultNode = fields.value("default");
            if (defaultNode.isEmpty() || NodeReader.isNull(defaultNode.get())) {
                return Optional.of(withoutDefault);
            }
            Object defaultValue = nodes.plainValue(defaultNode.get());
            Optional<String> violation = withoutDefault.violation(defaultValue);
            if (violation.isPresent()) {
                nodes.problem(defaultNode.get(), "the default of param '" + name + "' " + violation.get());
                return Optional.empty();
            }
            return Optional.of(new ParamSpec(name, type, defaultValue, minimum, maximum, allowed, description));
        });
    }

    private List<TaskDraft> tasks(NodeReader.Fields top, TaskDefaults defaults) {
        Optional<Node> node = top.value("tasks");
        if (node.isEmpty()) {
            nodes.problem(top.node(), "the workflow has no 'tasks'; add a list of tasks, each with an id and a type");
            return List.of();
        }
        if (NodeReader.isNull(node.get())) {
            nodes.problem(node.get(), "tasks must not be empty");
            return List.of();
        }
        List<Node> items = nodes.sequence(node.get(), "tasks").orElse(List.of());
        if (items.isEmpty() && node.get() instanceof SequenceNode) {
            nodes.problem(node.get(), "tasks must not be empty");
        }
        if (items.size() > Workflow.MAX_TASKS) {
            // Past this a run's rows and its dependency checks grow beyond what one trigger should cost.
            nodes.problem(
                    items.get(Workflow.MAX_TASKS),
                    "the workflow has " + items.size() + " tasks; a workflow may have at most " + Workflow.MAX_TASKS);
            return List.of();
        }
        TaskReader reader = new TaskReader(nodes, knownTaskTypes, defaults);
        List<TaskDraft> drafts = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            drafts.add(reader.read(items.get(i), i + 1));
        }
        return drafts;
    }
}
