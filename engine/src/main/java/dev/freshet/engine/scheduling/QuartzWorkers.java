package dev.freshet.engine.scheduling;

import org.quartz.spi.ThreadPool;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads Quartz runs fired jobs on. It replaces Quartz's {@code SimpleThreadPool}, whose idle workers only look
 * at their stop flag every 500 ms: a scheduler shut down while waiting for its jobs then waited up to half a second
 * for workers that had nothing to do, at the end of every {@code freshet run} and every engine a test closes. Here
 * idle workers end as soon as the pool is shut down, and a shutdown that waits still waits for running jobs.
 *
 * <p>Quartz makes the pool by its class name and sets {@code threadCount} and {@code threadNamePrefix} from
 * {@code org.quartz.threadPool.*}.
 */
public final class QuartzWorkers implements ThreadPool {
    private final Object lock = new Object();
    private int threadCount = 1;
    private String threadNamePrefix = "freshet_Worker";
    private ExecutorService executor;
    private int busy;
    private boolean shutDown;

    /** Set by Quartz from {@code org.quartz.threadPool.threadNamePrefix}: the workers are named PREFIX-1, PREFIX-2… */
    public void setThreadNamePrefix(String threadNamePrefix) {
        this.threadNamePrefix = threadNamePrefix;
    }

    /** Set by Quartz from {@code org.quartz.threadPool.threadCount}. */
    public void setThreadCount(int threadCount) {
        if (threadCount < 1) {
            throw new IllegalArgumentException("threadCount must be at least 1, got " + threadCount);
        }
        this.threadCount = threadCount;
    }

    @Override
    public void initialize() {
        AtomicInteger numbers = new AtomicInteger();
        executor = Executors.newFixedThreadPool(threadCount, r -> {
            Thread t = new Thread(r, threadNamePrefix + "-" + numbers.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public boolean runInThread(Runnable job) {
        if (job == null) {
            return false;
        }
        synchronized (lock) {
            awaitFreeWorker();
            if (shutDown) {
                // What Quartz's own pool does with a job handed over while it stops: run it rather than drop it.
                Thread last = new Thread(job, threadNamePrefix + "-LastJob");
                last.setDaemon(true);
                last.start();
                return true;
            }
            busy++;
            // Handed over under the lock: a shutdown cannot come between the count and the executor taking the job.
            executor.execute(() -> {
                try {
                    job.run();
                } finally {
                    synchronized (lock) {
                        busy--;
                        lock.notifyAll();
                    }
                }
            });
        }
        return true;
    }

    @Override
    public int blockForAvailableThreads() {
        synchronized (lock) {
            awaitFreeWorker();
            return shutDown ? 0 : threadCount - busy;
        }
    }

    /**
     * Waits for a free worker or the shutdown. Quartz interrupts its scheduler thread when it halts; like Quartz's own
     * pool, this goes on waiting rather than pass the interrupt on to the scheduler thread's next database call.
     */
    private void awaitFreeWorker() {
        while (busy >= threadCount && !shutDown) {
            try {
                lock.wait();
            } catch (InterruptedException e) {
                // see above
            }
        }
    }

    @Override
    public void shutdown(boolean waitForJobsToComplete) {
        synchronized (lock) {
            shutDown = true;
            lock.notifyAll();
        }
        if (executor == null) {
            return;
        }
        executor.shutdown();
        if (!waitForJobsToComplete) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                if (executor.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int getPoolSize() {
        return threadCount;
    }

    @Override
    public void setInstanceId(String schedInstId) {}

    @Override
    public void setInstanceName(String schedName) {}
}
