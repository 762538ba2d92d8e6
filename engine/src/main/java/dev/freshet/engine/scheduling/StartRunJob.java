package dev.freshet.engine.scheduling;

import dev.freshet.engine.FreshetException;
import dev.freshet.engine.run.RunService;
import dev.freshet.engine.run.TriggerRequest;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/** The persisted cron job of a scheduled workflow: each fire triggers one run whose logical date is the fire time. */
@DisallowConcurrentExecution
final class StartRunJob implements Job {
    private static final Logger LOG = LoggerFactory.getLogger(StartRunJob.class);
    static final String WORKFLOW_ID = "workflowId";

    private final RunService runs;

    StartRunJob(RunService runs) {
        this.runs = runs;
    }

    @Override
    public void execute(JobExecutionContext context) {
        String workflowId = context.getMergedJobDataMap().getString(WORKFLOW_ID);
        String runId = "scheduled__" + context.getScheduledFireTime().toInstant();
        try {
            runs.trigger(new TriggerRequest(workflowId, Map.of(), context.getScheduledFireTime().toInstant(),
                    "scheduler", "scheduled", runId, null));
        } catch (FreshetException e) {
            LOG.warn("scheduled run of {} not started: {}", workflowId, e.getMessage());
        }
    }
}
