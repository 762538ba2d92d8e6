package dev.freshet.engine.run;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A request for a run. {@code runId} and {@code logicalDate} may be null (generated / now); {@code experimentId}
 * null means the workflow's own experiment.
 */
public record TriggerRequest(String workflowId, Map<String, Object> conf, Instant logicalDate, String triggeredBy,
                             String runType, String runId, Long experimentId) {
    public TriggerRequest {
        Objects.requireNonNull(workflowId, "workflowId");
        Objects.requireNonNull(triggeredBy, "triggeredBy");
        Objects.requireNonNull(runType, "runType");
        conf = conf == null ? Map.of() : Map.copyOf(conf);
    }

    public static TriggerRequest manual(String workflowId, Map<String, Object> conf, String triggeredBy) {
        return new TriggerRequest(workflowId, conf, null, triggeredBy, "manual", null, null);
    }
}
