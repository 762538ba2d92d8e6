package dev.freshet.web.api;

import dev.freshet.engine.run.DatasetEvent;
import dev.freshet.engine.run.Run;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A dataset event as Airflow's stable API shows one, with the runs it started ({@code created_dagruns}); the dataset's
 * name is its {@code dataset_uri}, and {@code extra.event_id} the event's own id.
 */
public record DatasetEventView(
        String datasetUri,
        Map<String, Object> extra,
        String sourceDagId,
        String sourceTaskId,
        String sourceRunId,
        int sourceMapIndex,
        Instant timestamp,
        List<BasicRun> createdDagruns) {

    /** Airflow's {@code BasicDAGRun}. */
    public record BasicRun(
            String dagRunId,
            String dagId,
            String state,
            Instant logicalDate,
            Instant startDate,
            Instant endDate,
            Instant dataIntervalStart,
            Instant dataIntervalEnd) {
        static BasicRun of(Run run) {
            return new BasicRun(
                    run.runId(),
                    run.workflowId(),
                    run.state().wireName(),
                    run.logicalDate(),
                    run.startDate(),
                    run.endDate(),
                    run.dataIntervalStart(),
                    run.dataIntervalEnd());
        }
    }

    static DatasetEventView of(DatasetEvent event, List<Run> started) {
        return new DatasetEventView(
                event.dataset(),
                Map.of("event_id", event.eventId()),
                event.workflowId(),
                event.taskId(),
                event.runId(),
                -1,
                event.createdAt(),
                started.stream().map(BasicRun::of).toList());
    }
}
