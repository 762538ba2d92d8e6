package dev.freshet.engine.scheduling;

import dev.freshet.engine.error.ConflictException;
import dev.freshet.engine.error.NotFoundException;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunQuery;
import dev.freshet.engine.run.RunService;
import dev.freshet.engine.run.RunSlice;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.WorkflowSource;
import dev.freshet.engine.workflow.Workflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A workflow's {@code dagrun_timeout}: a run still running that long after it started fails; its running tasks fail
 * and its unfinished tasks are skipped, as when it is cancelled. Checked every {@link #CHECK_EVERY} by a Quartz job.
 */
public final class RunTimeouts {
    private static final Logger LOG = LoggerFactory.getLogger(RunTimeouts.class);
    public static final Duration CHECK_EVERY = Duration.ofSeconds(10);
    private static final int PAGE = 500;

    private final RunService runs;
    private final WorkflowSource workflows;
    private final Clock clock;

    public RunTimeouts(RunService runs, WorkflowSource workflows, Clock clock) {
        this.runs = runs;
        this.workflows = workflows;
        this.clock = clock;
    }

    /** Fails every running run that has outlived its workflow's dagrun_timeout; returns the runs it failed. */
    public List<Run> failOverdue() {
        Instant now = clock.instant();
        List<Run> failed = new ArrayList<>();
        for (Run run : running()) {
            Workflow workflow = workflows.workflow(run.workflowId()).orElse(null);
            if (workflow == null
                    || workflow.dagrunTimeout() == null
                    || run.startDate() == null
                    || run.startDate().plus(workflow.dagrunTimeout()).isAfter(now)) {
                continue;
            }
            try {
                failed.add(runs.cancel(run.runId(), "dagrun_timeout"));
                LOG.warn(
                        "run {} of {} timed out: still running {} after it started (dagrun_timeout)",
                        run.runId(),
                        run.workflowId(),
                        workflow.dagrunTimeout());
            } catch (ConflictException | NotFoundException finished) {
                LOG.debug("run {} ended before its timeout was applied", run.runId());
            }
        }
        return failed;
    }

    private List<Run> running() {
        List<Run> all = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            RunSlice page = runs.runs(new RunQuery(null, RunState.RUNNING, null, PAGE, offset));
            all.addAll(page.runs());
            if (page.runs().size() < PAGE) {
                return all;
            }
        }
    }
}
