package dev.freshet.engine.scheduling;

import dev.freshet.engine.Engine;
import dev.freshet.engine.run.SettableClock;
import dev.freshet.engine.testdb.TestDatabase;
import dev.freshet.engine.testdb.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static dev.freshet.engine.scheduling.EngineSchedules.start;
import static dev.freshet.engine.scheduling.EngineSchedules.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where Quartz's trigger of a scheduled workflow sits: at the workflow's next run time by its timetable. The clock is
 * in 2031, ahead of the real one, so no trigger fires during the test (no workflow here has runs to catch up).
 */
@ExtendWith(TestDatabases.class)
class ScheduleTriggerTest {
    static TestDatabase database;

    @BeforeAll
    static void pickDatabase(TestDatabase testDatabase) {
        database = testDatabase;
    }

    @TempDir
    Path home;

    private final SettableClock clock = new SettableClock(Instant.parse("2031-03-27T12:00:00Z"));

    @Test
    void theTriggerIsAtTheEndOfTheNextIntervalInTheWorkflowsZone() {
        // 2031-03-30: 02:30 does not exist in Berlin; the run is due at 03:30 CEST (01:30Z), as Airflow has it.
        write(home, "berlin", Workflows.yaml("berlin", "30 2 * * *", "Europe/Berlin", false, null, null, ""));
        clock.set(Instant.parse("2031-03-29T12:00:00Z"));
        try (Engine engine = start(database, home, clock)) {
            assertThat(engine.nextFireTime("berlin")).isEqualTo(Instant.parse("2031-03-30T01:30:00Z"));
        }
    }

    @Test
    void aFutureStartDateDelaysTheFirstRunToTheEndOfTheFirstInterval() {
        write(
                home,
                "later",
                Workflows.yaml("later", "@daily", "UTC", true, Instant.parse("2031-04-10T00:00:00Z"), null, ""));
        try (Engine engine = start(database, home, clock)) {
            assertThat(engine.nextFireTime("later")).isEqualTo(Instant.parse("2031-04-11T00:00:00Z"));
        }
    }

    @Test
    void aReloadMovesTheTriggerWhenTheScheduleChangesAndRemovesItWhenTheScheduleGoes() {
        write(home, "daily", Workflows.yaml("daily", "@daily", "UTC", false, null, null, ""));
        try (Engine engine = start(database, home, clock)) {
            assertThat(engine.nextFireTime("daily")).isEqualTo(Instant.parse("2031-03-28T00:00:00Z"));

            write(home, "daily", Workflows.yaml("daily", "0 18 * * *", "UTC", false, null, null, ""));
            engine.reloadWorkflows();
            assertThat(engine.nextFireTime("daily")).isEqualTo(Instant.parse("2031-03-27T18:00:00Z"));

            write(home, "daily", "id: daily\ntasks:\n  - {id: only, type: noop}\n");
            engine.reloadWorkflows();
            assertThat(engine.nextFireTime("daily")).isNull();
        }
    }

    @Test
    void aStaleTriggerIsMovedToTheNextRunTimeAtRestart() {
        write(home, "daily", Workflows.yaml("daily", "@daily", "UTC", false, null, null, ""));
        try (Engine engine = start(database, home, clock)) {
            assertThat(engine.nextFireTime("daily")).isEqualTo(Instant.parse("2031-03-28T00:00:00Z"));
        }
        clock.set(Instant.parse("2031-04-02T12:00:00Z"));
        try (Engine engine = start(database, home, clock)) {
            assertThat(engine.nextFireTime("daily")).isEqualTo(Instant.parse("2031-04-03T00:00:00Z"));
        }
    }

    @Test
    void aPausedWorkflowKeepsItsNextRunTime() {
        write(home, "daily", Workflows.yaml("daily", "@daily", "UTC", false, null, null, ""));
        try (Engine engine = start(database, home, clock)) {
            engine.setPaused("daily", true);
            assertThat(engine.isPaused("daily")).isTrue();
            assertThat(engine.nextFireTime("daily")).isEqualTo(Instant.parse("2031-03-28T00:00:00Z"));
        }
    }
}
