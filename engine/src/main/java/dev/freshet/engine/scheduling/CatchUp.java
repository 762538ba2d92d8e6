package dev.freshet.engine.scheduling;

import dev.freshet.engine.error.ConflictException;
import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunQuery;
import dev.freshet.engine.run.RunService;
import dev.freshet.engine.run.RunSlice;
import dev.freshet.engine.run.RunType;
import dev.freshet.engine.run.WorkflowSource;
import dev.freshet.engine.workflow.Workflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Triggers the scheduled runs that are due: at a regular fire, and when the engine starts or a workflow is unpaused,
 * the intervals missed since the last scheduled run (all of them with {@code catchup: true}, the latest without).
 * Run ids are {@code scheduled__<logical date>}, so triggering an interval twice (two nodes, a fire racing a
 * catch-up) creates one run.
 */
public final class CatchUp {
    private static final Logger LOG = LoggerFactory.getLogger(CatchUp.class);
    private static final int PAGE = 500;

    private final RunService runs;
    private final WorkflowSource workflows;
    private final Predicate<String> isPaused;
    private final Clock clock;

    public CatchUp(RunService runs, WorkflowSource workflows, Predicate<String> isPaused, Clock clock) {
        this.runs = runs;
        this.workflows = workflows;
        this.isPaused = isPaused;
        this.clock = clock;
    }

    /** Triggers the intervals the workflow missed while the engine was down or the workflow paused; oldest first. */
    public List<Run> catchUp(String workflowId) {
        return trigger(workflowId, clock.instant(), false);
    }

    /**
     * A regular fire at {@code now}: the same as a catch-up, except that a workflow that has never run on its schedule
     * and has no start date runs the interval that has just ended.
     */
    List<Run> fired(String workflowId, Instant now) {
        return trigger(workflowId, now, true);
    }

    private List<Run> trigger(String workflowId, Instant now, boolean regularFire) {
        Workflow workflow = workflows.workflow(workflowId).orElse(null);
        if (workflow == null || !Timetable.isScheduled(workflow) || isPaused.test(workflowId)) {
            return List.of();
        }
        Timetable timetable = Timetable.of(workflow);
        Instant lastEnd = lastScheduledEnd(workflowId);
        List<DataInterval> due = timetable.dueIntervals(lastEnd, now, workflow.catchup());
        if (due.isEmpty() && regularFire && lastEnd == null && workflow.startDate() == null) {
            due = timetable.latestCompleteInterval(now).map(List::of).orElse(List.of());
        }
        List<Run> triggered = new ArrayList<>();
        for (DataInterval interval : due) {
            try {
                triggered.add(
                        runs.trigger(RunRequests.of(workflowId, RunType.SCHEDULED, interval, Map.of(), "scheduler")));
            } catch (ConflictException exists) {
                LOG.debug("scheduled run of {} for {} already exists", workflowId, interval);
            } catch (FreshetException e) {
                // Stop rather than skip: a later run would move the schedule past this interval for good.
                LOG.warn("scheduled run of {} for {} not started: {}", workflowId, interval, e.getMessage());
                break;
            }
        }
        if (triggered.size() > 1 || !regularFire && !triggered.isEmpty()) {
            LOG.info(
                    "{} caught up {} interval(s), {} to {}",
                    workflowId,
                    triggered.size(),
                    triggered.get(0).logicalDate(),
                    triggered.get(triggered.size() - 1).logicalDate());
        }
        return triggered;
    }

    /**
     * Where the schedule resumes: the latest data-interval end of the workflow's scheduled and backfill runs (Airflow
     * counts both as automated runs), or null if it has none. Runs come newest first, so the search stops at the first
     * page holding a scheduled run; backfill runs created after it are counted too.
     */
    Instant lastScheduledEnd(String workflowId) {
        Instant latest = null;
        for (int offset = 0; ; offset += PAGE) {
            RunSlice page = runs.runs(new RunQuery(workflowId, null, null, PAGE, offset));
            boolean sawScheduled = false;
            for (Run run : page.runs()) {
                boolean scheduled = run.runType() == RunType.SCHEDULED;
                if (scheduled || run.runType() == RunType.BACKFILL) {
                    Instant end = run.dataIntervalEnd() != null ? run.dataIntervalEnd() : run.logicalDate();
                    latest = latest == null || end.isAfter(latest) ? end : latest;
                    sawScheduled |= scheduled;
                }
            }
            if (sawScheduled || page.runs().size() < PAGE) {
                return latest;
            }
        }
    }
}
