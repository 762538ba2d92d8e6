package dev.freshet.engine.scheduling;

import dev.freshet.engine.EngineConfig;
import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.store.Database;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.DBConnectionManager;

import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The floor under Freshet's dispatch latency: a chain of plain Quartz jobs on the same JDBC store, each scheduling
 * the next one-shot job as it finishes, with no engine work at all. Used by the dispatch benchmark, which reaches
 * Quartz only through it (it sits in this package for {@link QuartzScheduling}'s store settings).
 */
public final class QuartzFloorProbe implements AutoCloseable {
    private static final String HOPS = "hops";

    private static volatile long[] ends;
    private static volatile long[] starts;
    private static volatile CountDownLatch done;

    private final Database database;

    private QuartzFloorProbe(Database database) {
        this.database = database;
    }

    /** A probe on a fresh embedded H2 store in {@code dir}, with a pool of {@code connections}. */
    public static QuartzFloorProbe onEmbeddedStore(Path dir, int connections) {
        return new QuartzFloorProbe(Database.open(Database.embeddedUrl(dir), null, null, connections));
    }

    /**
     * A probe on the database {@code jdbcUrl} names (H2 or PostgreSQL, with Quartz's delegate for it); its scheduler
     * has a name of its own, so it may share a database an engine uses.
     */
    public static QuartzFloorProbe onStore(String jdbcUrl, String user, String password, int connections) {
        return new QuartzFloorProbe(Database.open(jdbcUrl, user, password, connections));
    }

    /** Runs a chain of {@code hops + 1} jobs and returns each hop's latency (a job's end to the next one's start), in ms. */
    public double[] measure(int hops) {
        ends = new long[hops + 1];
        starts = new long[hops + 1];
        done = new CountDownLatch(1);
        onScheduler(4, scheduler -> {
            scheduler.scheduleJob(
                    JobBuilder.newJob(ChainJob.class)
                            .withIdentity("hop-0")
                            .usingJobData(HOPS, String.valueOf(hops))
                            .usingJobData("i", "0")
                            .requestRecovery(true)
                            .build(),
                    TriggerBuilder.newTrigger().startNow().build());
            await(done, "the Quartz chain");
            return null;
        });
        double[] latencies = new double[hops];
        for (int i = 0; i < hops; i++) {
            latencies[i] = (starts[i + 1] - ends[i]) / 1e6;
        }
        return latencies;
    }

    /**
     * Quartz's own throughput on this store: {@code chains} chains of {@code length} plain jobs at once, each job
     * scheduling the next of its chain, on {@code threads} workers. Returns jobs per second.
     */
    public double throughput(int threads, int chains, int length) {
        chainsLeft = new CountDownLatch(chains);
        return onScheduler(threads, scheduler -> {
            long started = System.nanoTime();
            for (int c = 0; c < chains; c++) {
                scheduler.scheduleJob(
                        WideJob.link(c, 0, length),
                        TriggerBuilder.newTrigger().startNow().build());
            }
            await(chainsLeft, "the Quartz chains");
            return (double) chains * length / ((System.nanoTime() - started) / 1e9);
        });
    }

    @Override
    public void close() {
        database.close();
    }

    private interface Probe<T> {
        T run(Scheduler scheduler) throws SchedulerException, InterruptedException;
    }

    /** Runs {@code probe} on a plain Quartz scheduler of its own on the store, started for it and shut down after. */
    private <T> T onScheduler(int threads, Probe<T> probe) {
        String dsName = "floor-" + UUID.randomUUID();
        DBConnectionManager.getInstance()
                .addConnectionProvider(dsName, new QuartzScheduling.SharedDataSource(database.dataSource()));
        Properties p = QuartzScheduling.properties(
                "floor-" + UUID.randomUUID(),
                false,
                EngineConfig.DEFAULT_CLUSTER_CHECKIN,
                database.isPostgres(),
                threads,
                dsName);
        try {
            Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
            scheduler.start();
            try {
                return probe.run(scheduler);
            } finally {
                scheduler.shutdown(true);
            }
        } catch (SchedulerException e) {
            throw new FreshetException("Quartz probe failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FreshetException("interrupted", e);
        }
    }

    private static void await(CountDownLatch latch, String what) throws InterruptedException {
        if (!latch.await(5, TimeUnit.MINUTES)) {
            throw new FreshetException(what + " did not finish within 5 minutes");
        }
    }

    private static volatile CountDownLatch chainsLeft;

    /** One link of one of many chains: schedules the next link of its chain, or counts its chain done. */
    public static final class WideJob implements Job {
        static JobDetail link(int chain, int i, int length) {
            return JobBuilder.newJob(WideJob.class)
                    .withIdentity("chain-" + chain + "-" + i)
                    .usingJobData("chain", String.valueOf(chain))
                    .usingJobData("i", String.valueOf(i))
                    .usingJobData("length", String.valueOf(length))
                    .requestRecovery(true)
                    .build();
        }

        @Override
        public void execute(JobExecutionContext context) {
            int chain = Integer.parseInt(context.getMergedJobDataMap().getString("chain"));
            int i = Integer.parseInt(context.getMergedJobDataMap().getString("i"));
            int length = Integer.parseInt(context.getMergedJobDataMap().getString("length"));
            if (i + 1 == length) {
                chainsLeft.countDown();
                return;
            }
            try {
                context.getScheduler()
                        .scheduleJob(
                                link(chain, i + 1, length),
                                TriggerBuilder.newTrigger().startNow().build());
            } catch (SchedulerException e) {
                throw new FreshetException("cannot schedule link " + (i + 1) + " of chain " + chain, e);
            }
        }
    }

    /** One link of the chain: records its start, schedules the next link, records its end. */
    public static final class ChainJob implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            int i = Integer.parseInt(context.getMergedJobDataMap().getString("i"));
            int hops = Integer.parseInt(context.getMergedJobDataMap().getString(HOPS));
            starts[i] = System.nanoTime();
            if (i == hops) {
                done.countDown();
                return;
            }
            try {
                ends[i] = System.nanoTime();
                context.getScheduler()
                        .scheduleJob(
                                JobBuilder.newJob(ChainJob.class)
                                        .withIdentity("hop-" + (i + 1))
                                        .usingJobData(HOPS, String.valueOf(hops))
                                        .usingJobData("i", String.valueOf(i + 1))
                                        .requestRecovery(true)
                                        .build(),
                                TriggerBuilder.newTrigger().startNow().build());
            } catch (SchedulerException e) {
                throw new FreshetException("cannot schedule hop " + (i + 1), e);
            }
        }
    }
}
