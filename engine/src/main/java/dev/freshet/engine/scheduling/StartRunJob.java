package dev.freshet.engine.scheduling;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The persisted job of a scheduled workflow. Its one trigger fires at the end of the next data interval; the fire
 * triggers the runs that are due and puts the trigger at the next run time.
 */
@DisallowConcurrentExecution
final class StartRunJob implements Job {
    static final String WORKFLOW_ID = "workflowId";

    private final ScheduleService schedules;

    StartRunJob(ScheduleService schedules) {
        this.schedules = schedules;
    }

    @Override
    public void execute(JobExecutionContext context) {
        schedules.fired(
                context.getMergedJobDataMap().getString(WORKFLOW_ID),
                context.getScheduledFireTime().toInstant(),
                context.getFireTime().toInstant());
    }
}
