package dev.freshet.engine.scheduling;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The pool Quartz runs fired jobs on: as many at once as it has threads, and a shutdown that ends idle ones at once. */
class QuartzWorkersTest {
    private final QuartzWorkers pool = new QuartzWorkers();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        pool.shutdown(false);
    }

    private QuartzWorkers started(int threads) {
        pool.setThreadNamePrefix("test_Worker");
        pool.setThreadCount(threads);
        pool.initialize();
        return pool;
    }

    private Runnable blocked(AtomicInteger running, CountDownLatch started) {
        return () -> {
            running.incrementAndGet();
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
        };
    }

    @Test
    void quartzIsConfiguredToUseThisPool() {
        var properties = QuartzScheduling.properties("freshet", false, Duration.ofSeconds(5), false, 3, "ds");
        assertThat(properties.getProperty("org.quartz.threadPool.class")).isEqualTo(QuartzWorkers.class.getName());
        assertThat(properties.getProperty("org.quartz.threadPool.threadNamePrefix"))
                .isEqualTo("freshet_Worker");
    }

    @Test
    void runsAsManyJobsAtOnceAsItHasThreadsAndBlocksTheSchedulerUntilOneIsFree() {
        started(2);
        AtomicInteger running = new AtomicInteger();
        CountDownLatch bothStarted = new CountDownLatch(2);
        assertThat(pool.blockForAvailableThreads()).isEqualTo(2);
        pool.runInThread(blocked(running, bothStarted));
        pool.runInThread(blocked(running, bothStarted));
        await().atMost(Duration.ofSeconds(10)).until(() -> bothStarted.getCount() == 0);

        CompletableFuture<Integer> free = CompletableFuture.supplyAsync(pool::blockForAvailableThreads);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !free.isDone());
        release.countDown();
        assertThat(free).succeedsWithin(Duration.ofSeconds(10)).isIn(1, 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> running.get() == 0);
        assertThat(pool.getPoolSize()).isEqualTo(2);
    }

    @Test
    void aShutdownThatWaitsForJobsWaitsForARunningOne() {
        started(3);
        AtomicInteger running = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        pool.runInThread(blocked(running, started));
        await().atMost(Duration.ofSeconds(10)).until(() -> started.getCount() == 0);

        CompletableFuture<Void> shutdown = CompletableFuture.runAsync(() -> pool.shutdown(true));
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !shutdown.isDone());
        assertThat(running.get()).isEqualTo(1);
        release.countDown();
        assertThat(shutdown).succeedsWithin(Duration.ofSeconds(10));
        assertThat(running.get()).isZero();
    }

    @Test
    void idleWorkersEndAsSoonAsThePoolIsShutDown() throws InterruptedException {
        // Quartz's own pool waited up to 500 ms here: its idle workers checked their stop flag twice a second.
        started(8);
        CountDownLatch done = new CountDownLatch(8);
        for (int i = 0; i < 8; i++) {
            pool.runInThread(done::countDown);
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        pool.shutdown(true);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(450));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.getName().startsWith("test_Worker-") && t.isAlive()));
    }

    @Test
    void theSchedulerThreadWaitingForAWorkerGoesOnWaitingWhenInterrupted() {
        started(1);
        AtomicInteger running = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        pool.runInThread(blocked(running, started));
        await().atMost(Duration.ofSeconds(10)).until(() -> started.getCount() == 0);
        AtomicInteger free = new AtomicInteger(-1);
        Thread scheduler = new Thread(() -> free.set(pool.blockForAvailableThreads()), "scheduler");
        scheduler.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> scheduler.getState() == Thread.State.WAITING);
        scheduler.interrupt();
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(scheduler::isAlive);
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> !scheduler.isAlive());
        assertThat(free).hasValue(1);
    }

    @Test
    void aJobHandedOverWhileThePoolStopsStillRuns() {
        started(1);
        pool.shutdown(true);
        CountDownLatch ran = new CountDownLatch(1);
        assertThat(pool.runInThread(ran::countDown)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> ran.getCount() == 0);
        assertThat(pool.blockForAvailableThreads()).isZero();
    }
}
