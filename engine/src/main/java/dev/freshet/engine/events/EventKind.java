package dev.freshet.engine.events;

import dev.freshet.engine.error.InvalidInputException;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What an event reports; the wire name is what webhooks and the REST API show. */
public enum EventKind {
    RUN_FAILED("run.failed", "run failed"),
    GATE_FAILED("gate.failed", "gate failed"),
    DRIFT_WARNING("drift.warning", "drift warning"),
    DECAY_DETECTED("decay.detected", "decay detected"),
    PROMOTED("model.promoted", "model promoted"),
    ROLLED_BACK("model.rolled_back", "model rolled back");

    private final String wireName;
    private final String title;

    EventKind(String wireName, String title) {
        this.wireName = wireName;
        this.title = title;
    }

    public String wireName() {
        return wireName;
    }

    /** A few words for people (the Slack text). */
    public String title() {
        return title;
    }

    public static EventKind fromWire(String name) {
        for (EventKind kind : values()) {
            if (kind.wireName.equals(name)) {
                return kind;
            }
        }
        throw new InvalidInputException("event kind '" + name + "': expected one of "
                + Arrays.stream(values()).map(EventKind::wireName).collect(Collectors.joining(", ")));
    }
}
