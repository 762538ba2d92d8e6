package dev.freshet.engine.trigger;

import dev.freshet.engine.events.DecayDetected;
import dev.freshet.engine.events.Event;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A performance trigger's crossing: the champion's realized metric crossed above its workflow's line. What the run
 * it starts is told in {@code conf.decay}, what {@link DecayListener}s hear, and, with that run, the outbox's
 * {@code decay.detected} event (whose payload is {@link DecayDetected}'s).
 *
 * @param holdout the champion's metric on its holdout at training; NaN when it was not recorded
 */
public record DecayCrossing(
        String workflowId,
        String model,
        int version,
        String metric,
        double value,
        double threshold,
        double holdout,
        long labels,
        Instant at) {
    public DecayCrossing {
        Objects.requireNonNull(workflowId, "workflowId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(at, "at");
    }

    /** As the run's {@code conf.decay}. */
    public Map<String, Object> conf() {
        Map<String, Object> conf = new LinkedHashMap<>();
        conf.put("reason", metric + " " + value + " above " + threshold + " over " + labels + " labels");
        conf.put("model", model);
        conf.put("version", version);
        conf.put("metric", metric);
        conf.put("value", value);
        conf.put("threshold", threshold);
        if (!Double.isNaN(holdout)) {
            conf.put("holdout", holdout);
        }
        conf.put("labels", labels);
        conf.put("detected_at", at.toString());
        return conf;
    }

    /** The outbox's {@code decay.detected} event about the champion's version and the run it starts. */
    public Event toEvent(String runId) {
        Event event = new DecayDetected(model, version, metric, value, threshold, labels).toEvent(at);
        return new Event(
                event.id(), event.kind(), event.time(), event.subject().withRun(workflowId, runId), event.payload());
    }
}
