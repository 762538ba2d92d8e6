package dev.freshet.engine.scheduling;

import dev.freshet.engine.run.TriggerRequest;

import java.time.Instant;
import java.util.Map;

/** Requests for runs of data intervals; their run ids are Airflow's {@code <run type>__<logical date>}. */
final class RunRequests {
    static final String SCHEDULED = "scheduled";
    static final String BACKFILL = "backfill";

    private RunRequests() {
    }

    static String runId(String runType, Instant logicalDate) {
        return runType + "__" + logicalDate;
    }

    static TriggerRequest of(String workflowId, String runType, DataInterval interval, Map<String, Object> conf,
                             String triggeredBy) {
        return new TriggerRequest(workflowId, conf, interval.logicalDate(), triggeredBy, runType,
                runId(runType, interval.logicalDate()), null, interval.start(), interval.end());
    }
}
