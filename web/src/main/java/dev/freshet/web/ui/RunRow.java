package dev.freshet.web.ui;

import dev.freshet.engine.run.Run;

import java.time.Instant;
import java.util.Map;

/** One line of the runs page. */
public record RunRow(
        String runId,
        String href,
        String workflowId,
        String state,
        String runType,
        String logicalDate,
        String startDate,
        String endDate,
        String duration,
        String metrics) {
    static final int METRICS_SHOWN = 3;

    static RunRow of(Run run, Map<String, Double> metrics, Instant now) {
        return new RunRow(
                run.runId(),
                Formats.runHref(run.runId()),
                run.workflowId(),
                run.state().wireName(),
                run.runType().wireName(),
                Formats.dateTime(run.logicalDate()),
                Formats.dateTime(run.startDate()),
                Formats.dateTime(run.endDate()),
                Formats.duration(run.startDate(), run.endDate(), now),
                Formats.metrics(metrics, METRICS_SHOWN));
    }
}
