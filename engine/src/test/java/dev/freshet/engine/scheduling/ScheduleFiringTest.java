package dev.freshet.engine.scheduling;

import dev.freshet.engine.Engine;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.testdb.TestDatabase;
import dev.freshet.engine.testdb.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.freshet.engine.scheduling.EngineSchedules.runs;
import static dev.freshet.engine.scheduling.EngineSchedules.start;
import static dev.freshet.engine.scheduling.EngineSchedules.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Quartz fires a schedule for real: each fire runs the interval that just ended and sets the next fire. */
@ExtendWith(TestDatabases.class)
class ScheduleFiringTest {
    static TestDatabase database;

    @BeforeAll
    static void pickDatabase(TestDatabase testDatabase) {
        database = testDatabase;
    }

    @TempDir
    Path home;

    @Test
    void everyFireRunsTheIntervalThatEndsAtItAndMovesTheTriggerOn() {
        // A Quartz cron firing every second, with catch-up so that a late fire cannot leave a hole.
        write(home, "ticker", Workflows.yaml("ticker", "* * * * * ?", "UTC", true, null, null, ""));

        try (Engine engine = start(database, home, Clock.systemUTC())) {
            await().pollInSameThread()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> runs(engine, "ticker").size() >= 3);

            List<Run> runs = runs(engine, "ticker");
            for (Run run : runs) {
                assertThat(run.runType().wireName()).isEqualTo("scheduled");
                assertThat(run.runId()).isEqualTo("scheduled__" + run.logicalDate());
                assertThat(Duration.between(run.dataIntervalStart(), run.dataIntervalEnd()))
                        .isEqualTo(Duration.ofSeconds(1));
                assertThat(run.queuedAt()).isAfterOrEqualTo(run.dataIntervalEnd());
            }
            for (int i = 1; i < runs.size(); i++) {
                assertThat(runs.get(i).dataIntervalStart())
                        .isEqualTo(runs.get(i - 1).dataIntervalEnd());
            }
            Instant next = engine.nextFireTime("ticker");
            assertThat(next).isNotNull().isAfter(runs.get(0).dataIntervalEnd());
        }
    }
}
