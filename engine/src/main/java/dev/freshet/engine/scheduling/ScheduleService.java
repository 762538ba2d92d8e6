package dev.freshet.engine.scheduling;

import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunService;
import dev.freshet.engine.run.WorkflowSource;
import dev.freshet.engine.workflow.Workflow;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The time side of the engine. Each scheduled workflow has a durable Quartz job whose single one-shot trigger sits at
 * the workflow's next run time (computed by its {@link Timetable}, not by Quartz's cron trigger, whose DST rules
 * differ from Airflow's); each fire triggers the due runs through {@link CatchUp} and moves the trigger on. A fire
 * that Quartz finds late fires at once ("fire now" misfire rule): what is due is decided from the clock, so a late
 * fire is a catch-up, never a duplicate. A repeating job applies {@link RunTimeouts}.
 *
 * <p>Only the engine that serves the schedules ({@link #activate()}) writes schedule triggers: a {@code freshet run}
 * process has a Quartz scheduler of its own and must not fire the server's schedules.
 */
public final class ScheduleService {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleService.class);
    private static final String TIMEOUT_GROUP = "freshet.timeouts";
    private static final JobKey TIMEOUT_JOB = new JobKey("dagrun-timeouts", TIMEOUT_GROUP);
    /** Quartz's misfire threshold: a trigger this late is still fired as planned. */
    private static final Duration ON_TIME = Duration.ofSeconds(60);

    private final Scheduler scheduler;
    private final WorkflowSource workflows;
    private final Predicate<String> isPaused;
    private final Clock clock;
    private final CatchUp catchUp;
    private final RunTimeouts timeouts;
    private volatile boolean active;

    ScheduleService(
            Scheduler scheduler, RunService runs, WorkflowSource workflows, Predicate<String> isPaused, Clock clock) {
        this.scheduler = scheduler;
        this.workflows = workflows;
        this.isPaused = isPaused;
        this.clock = clock;
        this.catchUp = new CatchUp(runs, workflows, isPaused, clock);
        this.timeouts = new RunTimeouts(runs, workflows, clock);
    }

    /** Makes this engine the one that keeps schedule triggers and checks dagrun_timeout. */
    public void activate() {
        active = true;
        try {
            JobDetail job = JobBuilder.newJob(RunTimeoutJob.class)
                    .withIdentity(TIMEOUT_JOB)
                    .storeDurably(true)
                    .build();
            Trigger every = TriggerBuilder.newTrigger()
                    .withIdentity(TIMEOUT_JOB.getName(), TIMEOUT_GROUP)
                    .forJob(job)
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                            .withIntervalInMilliseconds(RunTimeouts.CHECK_EVERY.toMillis())
                            .repeatForever()
                            .withMisfireHandlingInstructionNextWithRemainingCount())
                    .build();
            scheduler.scheduleJob(job, Set.of(every), true);
        } catch (SchedulerException e) {
            throw new FreshetException("cannot schedule the dagrun_timeout check: " + e.getMessage(), e);
        }
    }

    public boolean isActive() {
        return active;
    }

    /**
     * Makes the schedule triggers match the workflows: a trigger at each scheduled workflow's next run time (kept if
     * it is already there), paused with its workflow; the jobs of workflows gone, unscheduled or past their end date
     * removed. Does nothing unless {@link #activate() active}.
     */
    public void sync(Collection<Workflow> all, Set<String> paused) {
        if (!active) {
            return;
        }
        Instant now = clock.instant();
        try {
            Set<JobKey> wanted = new HashSet<>();
            for (Workflow workflow : all) {
                Optional<Instant> next = nextRunTime(workflow, now);
                if (next.isEmpty()) {
                    continue;
                }
                JobKey jobKey = jobKey(workflow.id());
                wanted.add(jobKey);
                if (!hasTriggerAt(workflow, next.get(), now)) {
                    removeOtherTriggers(workflow.id());
                    place(workflow.id(), next.get());
                    LOG.info(
                            "schedule of {}: '{}' in {}, next run at {}",
                            workflow.id(),
                            workflow.schedule(),
                            workflow.timezone(),
                            next.get());
                }
                if (paused.contains(workflow.id())) {
                    scheduler.pauseJob(jobKey);
                } else {
                    scheduler.resumeJob(jobKey);
                }
            }
            for (JobKey existing : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(QuartzScheduling.SCHEDULE_GROUP))) {
                if (!wanted.contains(existing)) {
                    scheduler.deleteJob(existing);
                    LOG.info("schedule of {} removed", existing.getName());
                }
            }
        } catch (SchedulerException e) {
            throw new FreshetException("cannot update schedules: " + e.getMessage(), e);
        }
    }

    /** Catches up every scheduled workflow that is not paused (at engine start). */
    public void catchUp(Collection<Workflow> all) {
        for (Workflow workflow : all) {
            if (Timetable.isScheduled(workflow)) {
                try {
                    catchUp(workflow.id());
                } catch (RuntimeException e) {
                    LOG.error("catch-up of {} failed: {}", workflow.id(), e.getMessage(), e);
                }
            }
        }
    }

    /** Triggers the intervals the workflow missed (at engine start, on unpause). */
    public List<Run> catchUp(String workflowId) {
        return active ? catchUp.catchUp(workflowId) : List.of();
    }

    public RunTimeouts timeouts() {
        return timeouts;
    }

    /**
     * A fire of the workflow's trigger: trigger what is due, then move the trigger to the next run time. The engine's
     * clock decides what is due; a fire that is early by that clock (Quartz may fire a few milliseconds early, and
     * a test clock may lag the real one) triggers nothing and is put back at the next run time.
     */
    void fired(String workflowId, Instant scheduledFire, Instant actualFire) {
        Instant now = clock.instant();
        if (!scheduledFire.isAfter(now)) {
            try {
                catchUp.fired(workflowId, now);
            } catch (RuntimeException e) {
                LOG.error("scheduled runs of {} at {} failed: {}", workflowId, scheduledFire, e.getMessage(), e);
            }
        }
        Workflow workflow = workflows.workflow(workflowId).orElse(null);
        if (workflow == null) {
            return;
        }
        try {
            Optional<Instant> next = nextRunTime(workflow, max(now, actualFire));
            if (next.isPresent()) {
                place(workflowId, next.get());
                if (isPaused.test(workflowId)) {
                    scheduler.pauseJob(jobKey(workflowId));
                }
            }
        } catch (SchedulerException | RuntimeException e) {
            LOG.error(
                    "cannot set the next run of {}; it resumes when the engine restarts or reloads its workflows: {}",
                    workflowId,
                    e.getMessage(),
                    e);
        }
    }

    /** The workflow's next run time by its timetable, if this engine keeps schedules and the workflow has one. */
    Optional<Instant> nextRunTime(String workflowId) {
        if (!active) {
            return Optional.empty();
        }
        return workflows.workflow(workflowId).flatMap(workflow -> nextRunTime(workflow, clock.instant()));
    }

    private Optional<Instant> nextRunTime(Workflow workflow, Instant now) {
        if (!Timetable.isScheduled(workflow)) {
            return Optional.empty();
        }
        try {
            return Timetable.of(workflow).nextRunTime(now);
        } catch (InvalidInputException e) {
            LOG.error("workflow {} is not scheduled: {}", workflow.id(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Whether the workflow's trigger is already right: at the next run time, or at an earlier fire time that Quartz
     * will still fire on time.
     */
    private boolean hasTriggerAt(Workflow workflow, Instant next, Instant now) throws SchedulerException {
        List<? extends Trigger> triggers = scheduler.getTriggersOfJob(jobKey(workflow.id()));
        if (triggers.size() != 1
                || !triggers.get(0).getKey().equals(triggerKey(workflow.id()))
                || triggers.get(0).getNextFireTime() == null) {
            return false;
        }
        Instant at = triggers.get(0).getNextFireTime().toInstant();
        return at.equals(next)
                || !at.isAfter(now)
                        && !at.isBefore(now.minus(ON_TIME))
                        && Timetable.of(workflow).isFireTime(at);
    }

    /** Removes the triggers of the old one-cron-trigger-per-expression layout. */
    private void removeOtherTriggers(String workflowId) throws SchedulerException {
        for (Trigger trigger : scheduler.getTriggersOfJob(jobKey(workflowId))) {
            if (!trigger.getKey().equals(triggerKey(workflowId))) {
                scheduler.unscheduleJob(trigger.getKey());
            }
        }
    }

    /**
     * Stores the job and its trigger at {@code at}, replacing the trigger. Quartz allows this from inside the job's
     * own execution: it does not delete a one-shot trigger that was rescheduled while its job ran.
     */
    private void place(String workflowId, Instant at) throws SchedulerException {
        JobDetail job = JobBuilder.newJob(StartRunJob.class)
                .withIdentity(jobKey(workflowId))
                .usingJobData(StartRunJob.WORKFLOW_ID, workflowId)
                .storeDurably(true)
                .build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(triggerKey(workflowId))
                .forJob(job)
                .startAt(Date.from(at))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        scheduler.scheduleJob(job, Set.of(trigger), true);
    }

    static JobKey jobKey(String workflowId) {
        return new JobKey(workflowId, QuartzScheduling.SCHEDULE_GROUP);
    }

    static TriggerKey triggerKey(String workflowId) {
        return new TriggerKey(workflowId, QuartzScheduling.SCHEDULE_GROUP);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
