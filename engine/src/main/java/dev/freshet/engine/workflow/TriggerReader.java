package dev.freshet.engine.workflow;

import org.snakeyaml.engine.v2.nodes.Node;

import java.nio.file.FileSystems;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;

/** Reads the top-level {@code trigger:} block; each kind of trigger has its own keys, and no other key is allowed. */
final class TriggerReader {
    static final List<String> KEYS = List.of("files", "settle", "on_reject", "datasets", "performance");

    private final NodeReader nodes;
    private final EventTriggerReader events;

    TriggerReader(NodeReader nodes) {
        this.nodes = nodes;
        this.events = new EventTriggerReader(nodes);
    }

    WorkflowTrigger read(Node node) {
        return nodes.mapping(node, "trigger", KEYS)
                .map(fields -> new WorkflowTrigger(
                        files(fields),
                        fields.present("datasets").flatMap(events::datasets).orElse(null),
                        fields.present("performance")
                                .flatMap(events::performance)
                                .orElse(null)))
                .orElse(WorkflowTrigger.NONE);
    }

    private FileTrigger files(NodeReader.Fields fields) {
        Optional<Node> glob = fields.present("files");
        if (glob.isEmpty()) {
            for (String key : List.of("settle", "on_reject")) {
                fields.value(key).ifPresent(n -> nodes.problem(n, "trigger." + key + " needs trigger.files"));
            }
            fields.value("files").ifPresent(n -> nodes.problem(n, "trigger.files must name a glob, got nothing"));
            return null;
        }
        Optional<String> pattern = nodes.string(glob.get(), "trigger.files").filter(text -> {
            if (text.isBlank()) {
                nodes.problem(glob.get(), "trigger.files must name a glob such as landing/*.csv");
                return false;
            }
            return validGlob(glob.get(), text);
        });
        Duration settle = fields.present("settle")
                .flatMap(n -> nodes.duration(n, "trigger.settle", true))
                .orElse(FileTrigger.DEFAULT_SETTLE);
        OnReject onReject = fields.present("on_reject")
                .flatMap(n -> nodes.parsed(n, "trigger.on_reject", OnReject::fromYaml))
                .orElse(OnReject.KEEP);
        return pattern.map(p -> new FileTrigger(p, settle, onReject)).orElse(null);
    }

    private boolean validGlob(Node node, String glob) {
        try {
            FileSystems.getDefault().getPathMatcher("glob:" + glob.replace('\\', '/'));
            return true;
        } catch (PatternSyntaxException e) {
            nodes.problem(node, "trigger.files: '" + glob + "' is not a valid glob: " + e.getDescription());
            return false;
        }
    }
}
