package dev.freshet.engine.scheduling;

import dev.freshet.engine.run.RunType;
import dev.freshet.engine.run.TriggerRequest;

import java.time.Instant;
import java.util.Map;

/** Requests for runs of data intervals; their run ids are Airflow's {@code <run type>__<logical date>}. */
final class RunRequests {
    private RunRequests() {}

    static String runId(RunType runType, Instant logicalDate) {
        return runType.wireName() + "__" + logicalDate;
    }

    static TriggerRequest of(
            String workflowId, RunType runType, DataInterval interval, Map<String, Object> conf, String triggeredBy) {
        return TriggerRequest.of(workflowId, runType, triggeredBy)
                .withConf(conf)
                .withLogicalDate(interval.logicalDate())
                .withRunId(runId(runType, interval.logicalDate()))
                .withDataInterval(interval.start(), interval.end());
    }
}
