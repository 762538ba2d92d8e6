package dev.freshet.engine.workflow;

import dev.freshet.engine.error.InvalidInputException;
import org.snakeyaml.engine.v2.nodes.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the event keys of a workflow's {@code trigger:} block — {@code datasets} and {@code performance} — and a
 * task's {@code produces:} list, each problem at its place in the file.
 */
final class EventTriggerReader {
    static final List<String> PERFORMANCE_KEYS = List.of("model", "metric", "above", "min_labels");
    private static final String PRODUCES_ENTRY = "an entry of produces (dataset: NAME)";

    private final NodeReader nodes;

    EventTriggerReader(NodeReader nodes) {
        this.nodes = nodes;
    }

    Optional<DatasetTrigger> datasets(Node node) {
        List<Node> elements = nodes.sequence(node, "trigger.datasets").orElse(null);
        if (elements == null) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        for (Node element : elements) {
            nodes.string(element, "a dataset name").ifPresent(name -> {
                Optional<String> problem = Ids.problem("dataset name", name);
                if (problem.isPresent()) {
                    nodes.problem(element, problem.get());
                } else if (names.contains(name)) {
                    nodes.problem(element, "dataset '" + name + "' is listed twice");
                } else {
                    names.add(name);
                }
            });
        }
        if (names.isEmpty()) {
            if (elements.isEmpty()) {
                nodes.problem(node, "trigger.datasets must name at least one dataset");
            }
            return Optional.empty();
        }
        return Optional.of(new DatasetTrigger(names));
    }

    Optional<PerformanceTrigger> performance(Node node) {
        return nodes.mapping(node, "trigger.performance", PERFORMANCE_KEYS).flatMap(fields -> {
            Optional<String> model = required(fields, "model").flatMap(n -> nodes.string(n, "model"));
            Optional<DecayMetric> metric =
                    required(fields, "metric").flatMap(n -> nodes.parsed(n, "metric", DecayMetric::fromYaml));
            Optional<DecayThreshold> above =
                    required(fields, "above").flatMap(n -> nodes.parsed(n, "above", DecayThreshold::parse));
            int minLabels = fields.present("min_labels")
                    .flatMap(n -> nodes.integer(n, "min_labels", 1))
                    .orElse(PerformanceTrigger.DEFAULT_MIN_LABELS);
            if (model.isEmpty() || metric.isEmpty() || above.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new PerformanceTrigger(model.get(), metric.get(), above.get(), minLabels));
            } catch (InvalidInputException e) {
                nodes.problem(node, e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** A task's {@code produces: [dataset: NAME, ...]}: the dataset names, in file order. */
    List<String> produces(Node node) {
        List<Node> elements =
                nodes.sequence(node, "produces (a list of dataset: NAME)").orElse(List.of());
        List<String> names = new ArrayList<>();
        for (Node element : elements) {
            nodes.mapping(element, PRODUCES_ENTRY, List.of("dataset"))
                    .flatMap(fields -> {
                        if (fields.value("dataset").isEmpty()) {
                            nodes.problem(element, PRODUCES_ENTRY + " has no 'dataset'");
                        }
                        return fields.present("dataset");
                    })
                    .flatMap(n -> nodes.string(n, "dataset").map(name -> {
                        Optional<String> problem = Ids.problem("dataset name", name);
                        if (problem.isPresent()) {
                            nodes.problem(n, problem.get());
                        } else if (names.contains(name)) {
                            nodes.problem(n, "dataset '" + name + "' is listed twice in produces");
                        } else {
                            names.add(name);
                        }
                        return name;
                    }));
        }
        return names;
    }

    private Optional<Node> required(NodeReader.Fields fields, String key) {
        Optional<Node> node = fields.present(key);
        if (node.isEmpty()) {
            nodes.problem(fields.node(), "trigger.performance has no '" + key + "'");
        }
        return node;
    }
}
