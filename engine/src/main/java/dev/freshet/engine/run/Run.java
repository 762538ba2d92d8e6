package dev.freshet.engine.run;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One run of a workflow. {@code params} are the workflow's defaults overridden by the trigger's {@code conf};
 * {@code note} is free text given at the trigger (null: none).
 */
public record Run(
        String runId,
        String workflowId,
        long experimentId,
        RunState state,
        RunType runType,
        String triggeredBy,
        Map<String, Object> conf,
        Map<String, Object> params,
        String workflowHash,
        Instant logicalDate,
        Instant dataIntervalStart,
        Instant dataIntervalEnd,
        Instant queuedAt,
        Instant startDate,
        Instant endDate,
        String note) {
    public Run {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(workflowId, "workflowId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(runType, "runType");
        Objects.requireNonNull(triggeredBy, "triggeredBy");
        Objects.requireNonNull(logicalDate, "logicalDate");
        Objects.requireNonNull(queuedAt, "queuedAt");
        conf = Collections.unmodifiableMap(new LinkedHashMap<>(conf));
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** A run without a note. */
    public Run(
            String runId,
            String workflowId,
            long experimentId,
            RunState state,
            RunType runType,
            String triggeredBy,
            Map<String, Object> conf,
            Map<String, Object> params,
            String workflowHash,
            Instant logicalDate,
            Instant dataIntervalStart,
            Instant dataIntervalEnd,
            Instant queuedAt,
            Instant startDate,
            Instant endDate) {
        this(
                runId,
                workflowId,
                experimentId,
                state,
                runType,
                triggeredBy,
                conf,
                params,
                workflowHash,
                logicalDate,
                dataIntervalStart,
                dataIntervalEnd,
                queuedAt,
                startDate,
                endDate,
                null);
    }

    /** The run pinned to another version of its workflow (a clear that takes the current version). */
    public Run pinnedTo(String hash) {
        return new Run(
                runId,
                workflowId,
                experimentId,
                state,
                runType,
                triggeredBy,
                conf,
                params,
                hash,
                logicalDate,
                dataIntervalStart,
                dataIntervalEnd,
                queuedAt,
                startDate,
                endDate,
                note);
    }

    public Run moveTo(RunState next, Instant at) {
        if (state == next) {
            return this;
        }
        boolean allowed = switch (state) {
            case QUEUED -> next == RunState.RUNNING || next == RunState.FAILED;
            case RUNNING -> next.isTerminal();
            case SUCCESS, FAILED -> next == RunState.QUEUED || next.isTerminal();
        };
        if (!allowed) {
            throw new IllegalTransitionException("run " + runId, state.wireName(), next.wireName());
        }
        Instant start = next == RunState.RUNNING && startDate == null ? at : startDate;
        Instant end = next.isTerminal() ? at : null;
        if (next == RunState.QUEUED) {
            return new Run(
                    runId,
                    workflowId,
                    experimentId,
                    next,
                    runType,
                    triggeredBy,
                    conf,
                    params,
                    workflowHash,
                    logicalDate,
                    dataIntervalStart,
                    dataIntervalEnd,
                    queuedAt,
                    null,
                    null,
                    note);
        }
        return new Run(
                runId,
                workflowId,
                experimentId,
                next,
                runType,
                triggeredBy,
                conf,
                params,
                workflowHash,
                logicalDate,
                dataIntervalStart,
                dataIntervalEnd,
                queuedAt,
                start,
                end,
                note);
    }
}
