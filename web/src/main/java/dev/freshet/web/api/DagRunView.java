package dev.freshet.web.api;

import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunType;

import java.time.Instant;
import java.util.Map;

/**
 * A run as Airflow's stable API shows a DAG run (with {@code execution_date} mirroring {@code logical_date}, as
 * Airflow 2 does), plus the hash of the workflow version the run is pinned to ({@code dag_hash}, as Airflow 2's
 * DagRun records its serialized DAG's), the run's experiment and latest metrics.
 */
public record DagRunView(
        String dagRunId,
        String dagId,
        String state,
        Instant logicalDate,
        Instant executionDate,
        Instant startDate,
        Instant endDate,
        Instant dataIntervalStart,
        Instant dataIntervalEnd,
        Map<String, Object> conf,
        String runType,
        boolean externalTrigger,
        String note,
        String dagHash,
        Long experimentId,
        Map<String, Double> metrics) {

    public static DagRunView of(Run run, Map<String, Double> metrics) {
        return new DagRunView(
                run.runId(),
                run.workflowId(),
                run.state().wireName(),
                run.logicalDate(),
                run.logicalDate(),
                run.startDate(),
                run.endDate(),
                run.dataIntervalStart(),
                run.dataIntervalEnd(),
                run.conf(),
                run.runType().wireName(),
                run.runType() != RunType.SCHEDULED && run.runType() != RunType.DATASET_TRIGGERED,
                run.note(),
                run.workflowHash(),
                run.experimentId(),
                metrics);
    }
}
