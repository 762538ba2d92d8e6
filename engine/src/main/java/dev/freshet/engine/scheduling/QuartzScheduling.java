package dev.freshet.engine.scheduling;

import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.run.RunService;
import dev.freshet.engine.run.TaskQueue;
import dev.freshet.engine.run.TaskRunner;
import dev.freshet.engine.run.TryKey;
import dev.freshet.engine.run.WorkflowSource;
import dev.freshet.engine.workflow.Workflow;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.simpl.SimpleJobFactory;
import org.quartz.spi.JobFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Quartz with the JDBC JobStore on the application's database: the durable queue of tries ({@link TaskQueue}) and,
 * for each scheduled workflow, one one-shot trigger at its next run time that {@link ScheduleService} moves on at each
 * fire (not a Quartz cron trigger: see docs/scheduling.md). Clustered when several engine nodes share one PostgreSQL.
 */
public final class QuartzScheduling implements TaskQueue, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QuartzScheduling.class);
    static final String TASK_GROUP = "freshet.task";
    static final String SCHEDULE_GROUP = "freshet.schedule";

    private final Scheduler scheduler;
    private volatile ScheduleService schedules;

    /** Settings of the Quartz scheduler; {@code threads} is the engine's global task parallelism. */
    public record Settings(
            String schedulerName, boolean clustered, Duration clusterCheckin, boolean postgres, int threads) {}

    public QuartzScheduling(DataSource dataSource, Settings settings, TaskRunner runner) {
        String dataSourceName = "freshet-" + UUID.randomUUID();
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new SharedDataSource(dataSource));
        Properties p = properties(
                settings.schedulerName(),
                settings.clustered(),
                settings.clusterCheckin(),
                settings.postgres(),
                settings.threads(),
                dataSourceName);
        Scheduler existing = SchedulerRepository.getInstance().lookup(settings.schedulerName());
        try {
            if (existing != null && !existing.isShutdown()) {
                // Quartz would hand back that scheduler, bound to the other engine's database.
                throw new FreshetException("a scheduler named '" + settings.schedulerName() + "' already runs in this"
                        + " process; give this engine another scheduler name (EngineConfig.withSchedulerName)");
            }
            StdSchedulerFactory factory = new StdSchedulerFactory(p);
            this.scheduler = factory.getScheduler();
            scheduler.setJobFactory(jobFactory(runner, () -> schedules));
        } catch (SchedulerException e) {
            throw new FreshetException("cannot set up Quartz: " + e.getMessage(), e);
        }
    }

    static Properties properties(
            String schedulerName,
            boolean clustered,
            Duration clusterCheckin,
            boolean postgres,
            int threads,
            String dataSourceName) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", schedulerName);
        p.setProperty("org.quartz.scheduler.instanceId", clustered ? "AUTO" : "NON_CLUSTERED");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.scheduler.idleWaitTime", "5000");
        p.setProperty("org.quartz.threadPool.class", QuartzWorkers.class.getName());
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(threads));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", schedulerName + "_Worker");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty(
                "org.quartz.jobStore.driverDelegateClass",
                postgres
                        ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"
                        : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.isClustered", String.valueOf(clustered));
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(clusterCheckin.toMillis()));
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        // Every job and trigger we store has a name of its own, so storing needs no lock against other writers; the
        // rare try queued twice at once (recovery racing a worker) fails on the primary key and submit() sees it
        // queued.
        p.setProperty("org.quartz.jobStore.lockOnInsert", "false");
        // The scheduler thread fires what is due in batches, one per free worker, instead of one trigger per loop.
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", String.valueOf(threads));
        return p;
    }

    private static JobFactory jobFactory(TaskRunner runner, Supplier<ScheduleService> schedules) {
        SimpleJobFactory fallback = new SimpleJobFactory();
        return (bundle, scheduler) -> {
            Class<?> jobClass = bundle.getJobDetail().getJobClass();
            if (jobClass == RunTaskJob.class) {
                return new RunTaskJob(runner);
            }
            if (jobClass == StartRunJob.class || jobClass == RunTimeoutJob.class) {
                ScheduleService connected = schedules.get();
                if (connected == null) {
                    throw new SchedulerException("schedules are not connected to this scheduler");
                }
                return jobClass == StartRunJob.class
                        ? new StartRunJob(connected)
                        : new RunTimeoutJob(connected.timeouts());
            }
            return fallback.newJob(bundle, scheduler);
        };
    }

    /** Starts firing; Quartz first re-fires the jobs that were running when the process died. */
    public void start() {
        try {
            scheduler.start();
        } catch (SchedulerException e) {
            throw new FreshetException("cannot start Quartz: " + e.getMessage(), e);
        }
    }

    @Override
    public void submit(TryKey key, Duration delay) {
        JobDetail job = JobBuilder.newJob(RunTaskJob.class)
                .withIdentity(jobKey(key))
                .usingJobData(RunTaskJob.RUN_ID, key.runId())
                .usingJobData(RunTaskJob.TASK_ID, key.taskId())
                .usingJobData(RunTaskJob.TRY_NUMBER, String.valueOf(key.tryNumber()))
                .requestRecovery(true)
                .storeDurably(false)
                .build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(key.toString(), TASK_GROUP)
                .startAt(new Date(System.currentTimeMillis() + delay.toMillis()))
                .build();
        try {
            scheduler.scheduleJob(job, trigger);
        } catch (ObjectAlreadyExistsException duplicate) {
            LOG.debug("try {} is already queued", key);
        } catch (SchedulerException e) {
            // Stored without Quartz's insert lock, a try queued twice at once fails on the key instead of as a
            // duplicate.
            if (contains(key)) {
                LOG.debug("try {} is already queued ({})", key, e.getMessage());
                return;
            }
            throw new FreshetException("cannot queue try " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean contains(TryKey key) {
        try {
            return scheduler.checkExists(jobKey(key));
        } catch (SchedulerException e) {
            throw new FreshetException("cannot read the Quartz queue: " + e.getMessage(), e);
        }
    }

    /**
     * The schedule side of this scheduler (schedule triggers, catch-up, dagrun_timeout), which its jobs call back;
     * made once, before {@link #start()}.
     */
    public ScheduleService schedules(
            RunService runs, WorkflowSource workflows, Predicate<String> isPaused, Clock clock) {
        schedules = new ScheduleService(scheduler, runs, workflows, isPaused, clock);
        return schedules;
    }

    /** Makes the schedule triggers match the workflows (see {@link ScheduleService#sync}). */
    public void syncSchedules(Collection<Workflow> workflows, Set<String> paused) {
        ScheduleService connected = schedules;
        if (connected != null) {
            connected.sync(workflows, paused);
        }
    }

    /**
     * The next time the workflow's schedule fires, if it has one. While a fire is being handled, its one-shot trigger
     * has no next fire time until the fire puts it back; the answer then comes from the workflow's timetable.
     */
    public Instant nextFireTime(String workflowId) {
        try {
            Instant planned = scheduler.getTriggersOfJob(new JobKey(workflowId, SCHEDULE_GROUP)).stream()
                    .map(Trigger::getNextFireTime)
                    .filter(Objects::nonNull)
                    .min(Date::compareTo)
                    .map(Date::toInstant)
                    .orElse(null);
            ScheduleService connected = schedules;
            return planned != null || connected == null
                    ? planned
                    : connected.nextRunTime(workflowId).orElse(null);
        } catch (SchedulerException e) {
            throw new FreshetException("cannot read schedules: " + e.getMessage(), e);
        }
    }

    private static JobKey jobKey(TryKey key) {
        return new JobKey(key.toString(), TASK_GROUP);
    }

    /** Stops firing; with {@code waitForJobs}, lets running tries finish first. */
    public void shutdown(boolean waitForJobs) {
        try {
            scheduler.shutdown(waitForJobs);
        } catch (SchedulerException e) {
            LOG.warn("Quartz did not shut down cleanly: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        shutdown(false);
    }

    /** Lends the application's pool to Quartz, so both write to one database through one pool. */
    record SharedDataSource(DataSource dataSource) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
            // the pool belongs to the application, which closes it
        }

        @Override
        public void initialize() {
            // already initialised
        }
    }
}
