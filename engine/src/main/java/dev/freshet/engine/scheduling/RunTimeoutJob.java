package dev.freshet.engine.scheduling;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The persisted repeating job that applies dagrun_timeout; one node of a cluster runs each check. */
@DisallowConcurrentExecution
final class RunTimeoutJob implements Job {
    private static final Logger LOG = LoggerFactory.getLogger(RunTimeoutJob.class);

    private final RunTimeouts timeouts;

    RunTimeoutJob(RunTimeouts timeouts) {
        this.timeouts = timeouts;
    }

    @Override
    public void execute(JobExecutionContext context) {
        try {
            timeouts.failOverdue();
        } catch (RuntimeException e) {
            LOG.warn("dagrun_timeout check failed: {}", e.getMessage(), e);
        }
    }
}
