package dev.freshet.engine.scheduling;

import dev.freshet.engine.Engine;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.TaskRun;
import dev.freshet.engine.run.TaskState;
import dev.freshet.engine.run.TriggerRequest;
import dev.freshet.engine.testdb.TestDatabase;
import dev.freshet.engine.testdb.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.freshet.engine.scheduling.EngineSchedules.start;
import static dev.freshet.engine.scheduling.EngineSchedules.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** dagrun_timeout: a run still running that long after it started fails; running tasks fail, waiting ones skip. */
@ExtendWith(TestDatabases.class)
class RunTimeoutsTest {
    static TestDatabase database;

    @BeforeAll
    static void pickDatabase(TestDatabase testDatabase) {
        database = testDatabase;
    }

    @TempDir
    Path home;

    @Test
    void aRunPastItsTimeoutFailsWithItsRunningTaskFailedAndTheRestSkipped() {
        write(home, "slow", """
                id: slow
                dagrun_timeout: 1h
                tasks:
                  - {id: quick, type: noop}
                  - {id: long, type: sleep, with: {seconds: 60}}
                  - {id: after, type: noop, needs: [long]}
                """);
        ShiftedClock clock = new ShiftedClock();
        try (Engine engine = start(database, home, clock)) {
            RunTimeouts timeouts = new RunTimeouts(engine.runs(), engine::workflow, clock);
            Run run = engine.runs().trigger(TriggerRequest.manual("slow", Map.of(), "test"));
            await().pollInSameThread()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> states(engine, run).get("long") == TaskState.RUNNING
                            && states(engine, run).get("quick") == TaskState.SUCCESS);

            clock.advance(Duration.ofMinutes(59));
            assertThat(timeouts.failOverdue()).isEmpty();
            assertThat(engine.runs().run(run.runId()).state()).isEqualTo(RunState.RUNNING);

            clock.advance(Duration.ofMinutes(2));
            timeouts.failOverdue();

            await().pollInSameThread()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> engine.runs().run(run.runId()).state() == RunState.FAILED);
            assertThat(states(engine, run))
                    .containsExactlyInAnyOrderEntriesOf(
                            Map.of("quick", TaskState.SUCCESS, "long", TaskState.FAILED, "after", TaskState.SKIPPED));
            assertThat(engine.runs().run(run.runId()).endDate())
                    .isAfter(run.queuedAt().plus(Duration.ofHours(1)));
        }
    }

    @Test
    void aWorkflowWithoutATimeoutIsLeftRunning() {
        write(home, "open", """
                id: open
                tasks:
                  - {id: long, type: sleep, with: {seconds: 60}}
                """);
        ShiftedClock clock = new ShiftedClock();
        try (Engine engine = start(database, home, clock)) {
            Run run = engine.runs().trigger(TriggerRequest.manual("open", Map.of(), "test"));
            await().pollInSameThread()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> states(engine, run).get("long") == TaskState.RUNNING);

            clock.advance(Duration.ofDays(30));

            assertThat(new RunTimeouts(engine.runs(), engine::workflow, clock).failOverdue())
                    .isEmpty();
            assertThat(engine.runs().run(run.runId()).state()).isEqualTo(RunState.RUNNING);
            engine.runs().cancel(run.runId());
        }
    }

    private static Map<String, TaskState> states(Engine engine, Run run) {
        return engine.runs().taskRuns(run.runId()).stream().collect(Collectors.toMap(TaskRun::taskId, TaskRun::state));
    }
}
