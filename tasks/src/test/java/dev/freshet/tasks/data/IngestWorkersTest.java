package dev.freshet.tasks.data;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class IngestWorkersTest {

    @Test
    void anInterruptedCallerStillWaitsForItsWorkersAndKeepsItsInterrupt() throws Exception {
        ExecutorService workers = IngestWorkers.start("ingest-test", 1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        workers.submit(() -> {
            started.countDown();
            // a decoding loop does not look at interrupts: it ends its row group first
            long until = System.nanoTime() + 300_000_000L;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            finished.set(true);
        });
        started.await();

        Thread.currentThread().interrupt();
        IngestWorkers.stop(workers);
        boolean interrupted = Thread.interrupted();

        assertThat(finished).as("the worker's work ended before stop returned").isTrue();
        assertThat(workers.isTerminated()).isTrue();
        assertThat(interrupted).as("the caller's interrupt is kept").isTrue();
    }
}
