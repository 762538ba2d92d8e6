package dev.freshet.engine.run;

import dev.freshet.engine.error.InvalidInputException;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request for a run: made by {@link #manual} or {@link #of}, then refined by the {@code with…} methods. A run id
 * and logical date left out are generated / now; the experiment left out is the workflow's own. The data interval
 * defaults to [logicalDate, logicalDate] (a manual run); a scheduled run covers the interval between two fire times.
 * {@code note} is free text kept with the run (null: none).
 */
public record TriggerRequest(
        String workflowId,
        RunType runType,
        String triggeredBy,
        Map<String, Object> conf,
        Instant logicalDate,
        String runId,
        Long experimentId,
        Instant dataIntervalStart,
        Instant dataIntervalEnd,
        String note) {
    public static final int MAX_NOTE_LENGTH = 1000;

    public TriggerRequest {
        Objects.requireNonNull(workflowId, "workflowId");
        Objects.requireNonNull(runType, "runType");
        Objects.requireNonNull(triggeredBy, "triggeredBy");
        conf = conf == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(conf));
        if (dataIntervalStart != null && dataIntervalEnd != null && dataIntervalEnd.isBefore(dataIntervalStart)) {
            throw new InvalidInputException(
                    "data interval ends (" + dataIntervalEnd + ") before it starts (" + dataIntervalStart + ")");
        }
        if (note != null && note.length() > MAX_NOTE_LENGTH) {
            throw new InvalidInputException("note: at most " + MAX_NOTE_LENGTH + " characters, got " + note.length());
        }
    }

    /** A run of {@code workflowId} of the given type, asked for by {@code triggeredBy}, with defaults for the rest. */
    public static TriggerRequest of(String workflowId, RunType runType, String triggeredBy) {
        return new TriggerRequest(workflowId, runType, triggeredBy, Map.of(), null, null, null, null, null, null);
    }

    /** A manual run, with the workflow's params overridden by {@code conf}. */
    public static TriggerRequest manual(String workflowId, Map<String, Object> conf, String triggeredBy) {
        return of(workflowId, RunType.MANUAL, triggeredBy).withConf(conf);
    }

    public TriggerRequest withConf(Map<String, Object> newConf) {
        return new TriggerRequest(
                workflowId,
                runType,
                triggeredBy,
                newConf,
                logicalDate,
                runId,
                experimentId,
                dataIntervalStart,
                dataIntervalEnd,
                note);
    }

    /** The run's logical date; null: the time of the trigger. */
    public TriggerRequest withLogicalDate(Instant date) {
        return new TriggerRequest(
                workflowId,
                runType,
                triggeredBy,
                conf,
                date,
                runId,
                experimentId,
                dataIntervalStart,
                dataIntervalEnd,
                note);
    }

    /** The run's id; null: a generated one. */
    public TriggerRequest withRunId(String id) {
        return new TriggerRequest(
                workflowId,
                runType,
                triggeredBy,
                conf,
                logicalDate,
                id,
                experimentId,
                dataIntervalStart,
                dataIntervalEnd,
                note);
    }

    /** The experiment the run records into; null: the workflow's own. */
    public TriggerRequest withExperiment(Long id) {
        return new TriggerRequest(
                workflowId,
                runType,
                triggeredBy,
                conf,
                logicalDate,
                runId,
                id,
                dataIntervalStart,
                dataIntervalEnd,
                note);
    }

    /** The data interval the run covers; nulls: [logicalDate, logicalDate]. */
    public TriggerRequest withDataInterval(Instant start, Instant end) {
        return new TriggerRequest(
                workflowId, runType, triggeredBy, conf, logicalDate, runId, experimentId, start, end, note);
    }

    /** Free text kept with the run; null: none. */
    public TriggerRequest withNote(String text) {
        return new TriggerRequest(
                workflowId,
                runType,
                triggeredBy,
                conf,
                logicalDate,
                runId,
                experimentId,
                dataIntervalStart,
                dataIntervalEnd,
                text);
    }
}
