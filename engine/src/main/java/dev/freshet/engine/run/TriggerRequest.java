package dev.freshet.engine.run;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A request for a run. {@code runId} and {@code logicalDate} may be null (generated / now); {@code experimentId}
 * null means the workflow's own experiment. The data interval defaults to [logicalDate, logicalDate] (a manual run);
 * a scheduled run covers the interval between two fire times. {@code note} is free text kept with the run (null: none).
 */
public record TriggerRequest(String workflowId, Map<String, Object> conf, Instant logicalDate, String triggeredBy,
                             String runType, String runId, Long experimentId, Instant dataIntervalStart,
                             Instant dataIntervalEnd, String note) {
    public static final int MAX_NOTE_LENGTH = 1000;

    public TriggerRequest {
        Objects.requireNonNull(workflowId, "workflowId");
        Objects.requireNonNull(triggeredBy, "triggeredBy");
        Objects.requireNonNull(runType, "runType");
        conf = conf == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(conf));
        if (dataIntervalStart != null && dataIntervalEnd != null && dataIntervalEnd.isBefore(dataIntervalStart)) {
            throw new dev.freshet.engine.InvalidInputException("data interval ends (" + dataIntervalEnd
                    + ") before it starts (" + dataIntervalStart + ")");
        }
        if (note != null && note.length() > MAX_NOTE_LENGTH) {
            throw new dev.freshet.engine.InvalidInputException("note: at most " + MAX_NOTE_LENGTH
                    + " characters, got " + note.length());
        }
    }

    public TriggerRequest(String workflowId, Map<String, Object> conf, Instant logicalDate, String triggeredBy,
                          String runType, String runId, Long experimentId, Instant dataIntervalStart,
                          Instant dataIntervalEnd) {
        this(workflowId, conf, logicalDate, triggeredBy, runType, runId, experimentId, dataIntervalStart,
                dataIntervalEnd, null);
    }

    /** The same request with a note. */
    public TriggerRequest withNote(String text) {
        return new TriggerRequest(workflowId, conf, logicalDate, triggeredBy, runType, runId, experimentId,
                dataIntervalStart, dataIntervalEnd, text);
    }

    public TriggerRequest(String workflowId, Map<String, Object> conf, Instant logicalDate, String triggeredBy,
                          String runType, String runId, Long experimentId) {
        this(workflowId, conf, logicalDate, triggeredBy, runType, runId, experimentId, null, null, null);
    }

    public static TriggerRequest manual(String workflowId, Map<String, Object> conf, String triggeredBy) {
        return new TriggerRequest(workflowId, conf, null, triggeredBy, "manual", null, null);
    }
}
