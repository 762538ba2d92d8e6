package dev.freshet.engine.run;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-over and dispatch of the run core, on the in-memory store and the manual queue: what is queued, when,
 * and what one delivery runs.
 */
class RunCoreTest {
    @TempDir
    Path home;

    private RunCore core;

    @BeforeEach
    void start() {
        core = new RunCore(home);
    }

    @AfterEach
    void stop() {
        core.close();
    }

    private static final String CHAIN = """
            id: chain
            tasks:
              - {id: a, type: noop}
              - {id: b, type: noop, needs: [a]}
              - {id: c, type: emit, needs: [b], with: {value: "{{ run.try_number }}"}}
            """;

    @Test
    void aTriggerQueuesTheFirstTaskAndNothingElse() {
        core.define(CHAIN);
        Run run = core.trigger("chain");

        assertThat(core.store.run(run.runId()).orElseThrow().state()).isEqualTo(RunState.RUNNING);
        assertThat(core.queue.held()).containsExactly(core.key(run, "a", 1));
        assertThat(core.task(run.runId(), "a").state()).isEqualTo(TaskState.SCHEDULED);
        assertThat(core.task(run.runId(), "b").state()).isEqualTo(TaskState.NONE);
    }

    @Test
    void aChainRunsToItsEndOnOneDeliveryItsSuccessorsCarriedByTheFirstJob() {
        core.define(CHAIN);
        Run run = core.trigger("chain");

        assertThat(core.runDue()).isEqualTo(1);

        assertThat(core.runs.run(run.runId()).state()).isEqualTo(RunState.SUCCESS);
        assertThat(core.queue.submitted()).containsExactly(core.key(run, "a", 1));
        assertThat(core.queue.held()).isEmpty();
        assertThat(core.task(run.runId(), "c").outputs()).containsEntry("value", "1");
        for (String task : new String[] {"a", "b", "c"}) {
            assertThat(core.runs.tries(run.runId(), task))
                    .extracting(TaskTry::state)
                    .containsExactly(TaskState.SUCCESS);
        }
    }

    @Test
    void onceTheRunnerStopsCarryingEachSuccessorGoesThroughTheQueue() {
        core.define(CHAIN);
        Run run = core.trigger("chain");
        core.runner.stopCarrying();

        assertThat(core.runDue()).isEqualTo(3);

        assertThat(core.queue.delivered())
                .containsExactly(core.key(run, "a", 1), core.key(run, "b", 1), core.key(run, "c", 1));
        assertThat(core.runs.run(run.runId()).state()).isEqualTo(RunState.SUCCESS);
    }

    @Test
    void aFanOutQueuesEachTaskItMakesReady() {
        core.define("""
                id: fan
                tasks:
                  - {id: a, type: noop}
                  - {id: b, type: noop, needs: [a]}
                  - {id: c, type: noop, needs: [a]}
                  - {id: d, type: noop, needs: [b, c]}
                """);
        Run run = core.trigger("fan");

        core.runDue();

        assertThat(core.queue.submitted())
                .startsWith(core.key(run, "a", 1))
                .contains(core.key(run, "b", 1), core.key(run, "c", 1));
        assertThat(core.queue.delivered()).first().isEqualTo(core.key(run, "a", 1));
        assertThat(core.runs.run(run.runId()).state()).isEqualTo(RunState.SUCCESS);
    }

    @Test
    void aFailedTryIsQueuedAgainForWhenItsBackoffEnds() {
        core.define("""
                id: flaky
                tasks:
                  - {id: x, type: fail, retries: 1, retry_delay: 30s}
                """);
        Run run = core.trigger("flaky");

        core.runDue();

        TryKey retry = core.key(run, "x", 2);
        assertThat(core.queue.held()).containsExactly(retry);
        assertThat(core.queue.dueAt(retry)).contains(RunCore.T0.plusSeconds(30));
        assertThat(core.task(run.runId(), "x").state()).isEqualTo(TaskState.UP_FOR_RETRY);
        assertThat(core.runDue()).isZero();

        core.queue.tick(Duration.ofSeconds(30));
        assertThat(core.runDue()).isEqualTo(1);

        assertThat(core.runs.tries(run.runId(), "x"))
                .extracting(TaskTry::state)
                .containsExactly(TaskState.FAILED, TaskState.FAILED);
        assertThat(core.runs.run(run.runId()).state()).isEqualTo(RunState.FAILED);
    }

    @Test
    void badInputFailsAtOnceAndItsDownstreamIsUpstreamFailed() {
        core.define("""
                id: bad
                tasks:
                  - {id: x, type: bad-input, retries: 3}
                  - {id: y, type: noop, needs: [x]}
                """);
        Run run = core.trigger("bad");

        core.runDue();

        assertThat(core.queue.submitted()).containsExactly(core.key(run, "x", 1));
        assertThat(core.task(run.runId(), "x").error()).isEqualTo("it cannot work with that");
        assertThat(core.task(run.runId(), "y").state()).isEqualTo(TaskState.UPSTREAM_FAILED);
        assertThat(core.runs.run(run.runId()).state()).isEqualTo(RunState.FAILED);
    }

    @Test
    void maxActiveTasksHoldsATaskBackUntilAFinishedTaskHandsItsPlaceOver() {
        core.define("""
                id: narrow
                max_active_tasks: 1
                tasks:
                  - {id: a, type: noop}
                  - {id: b, type: noop}
                """);
        Run run = core.trigger("narrow");

        assertThat(core.queue.held()).hasSize(1);
        String waiting = core.queue.held().get(0).taskId().equals("a") ? "b" : "a";
        assertThat(core.task(run.runId(), waiting).state()).isEqualTo(TaskState.NONE);

        assertThat(core.runDue()).isEqualTo(1);

        assertThat(core.queue.submitted()).hasSize(1);
        assertThat(core.runs.tries(run.runId(), waiting))
                .extracting(TaskTry::state)
                .containsExactly(TaskState.SUCCESS);
        assertThat(core.runs.run(run.runId()).state()).isEqualTo(RunState.SUCCESS);
    }

    @Test
    void maxActiveRunsKeepsTheSecondRunQueuedUntilTheFirstEnds() {
        core.define("""
                id: serial
                max_active_runs: 1
                tasks:
                  - {id: a, type: noop}
                """);
        Run first = core.trigger("serial");
        Run second = core.trigger("serial");

        assertThat(core.runs.run(second.runId()).state()).isEqualTo(RunState.QUEUED);
        assertThat(core.queue.held()).containsExactly(core.key(first, "a", 1));

        core.runDue();

        assertThat(core.queue.delivered()).containsExactly(core.key(first, "a", 1), core.key(second, "a", 1));
        assertThat(core.runs.run(second.runId()).state()).isEqualTo(RunState.SUCCESS);
    }

    @Test
    void aSecondDeliveryOfATryIsIgnored() {
        core.define(CHAIN);
        Run run = core.trigger("chain");
        core.runDue();

        core.runner.execute(core.key(run, "a", 1), false);
        core.runner.execute(core.key(run, "a", 1), true);

        assertThat(core.runs.tries(run.runId(), "a")).hasSize(1);
        assertThat(core.queue.held()).isEmpty();
    }

    @Test
    void aTryFoundRunningWhenItsJobIsDeliveredAgainDiedWithItsProcessAndIsRetried() {
        core.define("""
                id: crashy
                defaults: {retries: 1, retry_delay: 0s}
                tasks:
                  - {id: a, type: noop}
                """);
        Run run = core.trigger("crashy");
        TryKey first = core.key(run, "a", 1);
        assertThat(core.store.startTry(first, RunCore.T0, "dead-host")).isTrue();

        core.runner.execute(first, true);

        assertThat(core.runs.tries(run.runId(), "a"))
                .singleElement()
                .satisfies(t -> assertThat(t.error()).contains("died (dead-host)"));
        assertThat(core.queue.submitted()).containsExactly(first, core.key(run, "a", 2));
        core.queue.lose(first);
        core.runDue();
        assertThat(core.runs.run(run.runId()).state()).isEqualTo(RunState.SUCCESS);
    }

    @Test
    void recoveryResubmitsATryTheQueueLost() {
        core.define(CHAIN);
        Run run = core.trigger("chain");
        core.queue.lose(core.key(run, "a", 1));

        core.runs.recover();

        assertThat(core.queue.held()).containsExactly(core.key(run, "a", 1));
        core.runDue();
        assertThat(core.runs.run(run.runId()).state()).isEqualTo(RunState.SUCCESS);
    }

    @Test
    void cancellingARunSkipsItsWaitingTasksAndTellsTheListeners() {
        core.define(CHAIN);
        Run run = core.trigger("chain");
        java.util.List<Run> finished = new java.util.concurrent.CopyOnWriteArrayList<>();
        core.runs.addListener(finished::add);

        core.runs.cancel(run.runId());

        assertThat(finished).extracting(Run::runId).containsExactly(run.runId());
        assertThat(core.task(run.runId(), "a").state()).isEqualTo(TaskState.SKIPPED);
        core.runDue();
        assertThat(core.runs.tries(run.runId(), "a")).isEmpty();
    }
}
