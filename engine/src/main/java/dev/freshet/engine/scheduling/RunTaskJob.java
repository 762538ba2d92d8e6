package dev.freshet.engine.scheduling;

import dev.freshet.engine.run.TaskRunner;
import dev.freshet.engine.run.TryKey;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;

/** The one-shot Quartz job behind one try of one task. Quartz re-fires it after a crash (requests recovery). */
final class RunTaskJob implements Job {
    static final String RUN_ID = "runId";
    static final String TASK_ID = "taskId";
    static final String TRY_NUMBER = "tryNumber";

    private final TaskRunner runner;

    RunTaskJob(TaskRunner runner) {
        this.runner = runner;
    }

    @Override
    public void execute(JobExecutionContext context) {
        JobDataMap data = context.getMergedJobDataMap();
        TryKey key = new TryKey(
                data.getString(RUN_ID), data.getString(TASK_ID), Integer.parseInt(data.getString(TRY_NUMBER)));
        runner.execute(key, context.isRecovering());
    }
}
