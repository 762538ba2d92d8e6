package dev.freshet.engine.scheduling;

import dev.freshet.engine.Engine;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.SettableClock;
import dev.freshet.engine.testdb.TestDatabase;
import dev.freshet.engine.testdb.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static dev.freshet.engine.scheduling.EngineSchedules.runs;
import static dev.freshet.engine.scheduling.EngineSchedules.start;
import static dev.freshet.engine.scheduling.EngineSchedules.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Catch-up through a real engine (H2, Quartz) with a clock the test moves. The dates are in 2031, ahead of the real
 * clock, so nothing Quartz holds fires during a test: neither the schedule triggers nor the task tries (the engine
 * queues them at its own "now"). Every run here comes from the catch-up at start or on unpause, and the tests look at
 * the runs' rows, not at their tasks.
 */
@ExtendWith(TestDatabases.class)
class CatchUpTest {
    static TestDatabase database;

    @BeforeAll
    static void pickDatabase(TestDatabase testDatabase) {
        database = testDatabase;
    }

    private static final Instant START_DATE = Instant.parse("2031-01-01T00:00:00Z");

    @TempDir
    Path home;

    @Test
    void withCatchUpEveryIntervalSinceTheStartDateRunsAtStartOldestFirst() {
        write(home, "daily", Workflows.yaml("daily", "@daily", "UTC", true, START_DATE, null, ""));
        SettableClock clock = new SettableClock(Instant.parse("2031-01-04T06:00:00Z"));

        try (Engine engine = start(database, home, clock)) {
            List<Run> runs = runs(engine, "daily");
            assertThat(runs)
                    .extracting(Run::runId)
                    .containsExactly(
                            "scheduled__2031-01-01T00:00:00Z",
                            "scheduled__2031-01-02T00:00:00Z",
                            "scheduled__2031-01-03T00:00:00Z");
            Run first = runs.get(0);
            assertThat(first.runType().wireName()).isEqualTo("scheduled");
            assertThat(first.logicalDate()).isEqualTo(Instant.parse("2031-01-01T00:00:00Z"));
            assertThat(first.dataIntervalStart()).isEqualTo(Instant.parse("2031-01-01T00:00:00Z"));
            assertThat(first.dataIntervalEnd()).isEqualTo(Instant.parse("2031-01-02T00:00:00Z"));
            assertThat(queuedOrder(engine))
                    .containsExactlyElementsOf(runs.stream().map(Run::runId).toList());
            assertThat(engine.nextFireTime("daily")).isEqualTo(Instant.parse("2031-01-05T00:00:00Z"));
        }
    }

    @Test
    void withoutCatchUpOnlyTheLatestIntervalRuns() {
        write(home, "daily", Workflows.yaml("daily", "@daily", "UTC", false, START_DATE, null, ""));
        SettableClock clock = new SettableClock(Instant.parse("2031-01-04T06:00:00Z"));

        try (Engine engine = start(database, home, clock)) {
            assertThat(runs(engine, "daily")).extracting(Run::runId).containsExactly("scheduled__2031-01-03T00:00:00Z");
        }
    }

    @Test
    void aRestartRunsOnlyWhatWasMissedSinceTheLastScheduledRun() {
        write(home, "daily", Workflows.yaml("daily", "@daily", "UTC", true, START_DATE, null, ""));
        SettableClock clock = new SettableClock(Instant.parse("2031-01-03T06:00:00Z"));
        try (Engine engine = start(database, home, clock)) {
            assertThat(runs(engine, "daily")).hasSize(2);
        }

        clock.set(Instant.parse("2031-01-06T01:00:00Z"));
        try (Engine engine = start(database, home, clock)) {
            assertThat(runs(engine, "daily"))
                    .extracting(Run::logicalDate)
                    .containsExactly(
                            Instant.parse("2031-01-01T00:00:00Z"),
                            Instant.parse("2031-01-02T00:00:00Z"),
                            Instant.parse("2031-01-03T00:00:00Z"),
                            Instant.parse("2031-01-04T00:00:00Z"),
                            Instant.parse("2031-01-05T00:00:00Z"));
        }
    }

    @Test
    void aWorkflowWithNoStartDateThatNeverRanHasNothingToCatchUp() {
        write(home, "daily", Workflows.yaml("daily", "@daily", "UTC", true, null, null, ""));
        SettableClock clock = new SettableClock(Instant.parse("2031-01-04T06:00:00Z"));

        try (Engine engine = start(database, home, clock)) {
            assertThat(runs(engine, "daily")).isEmpty();
            assertThat(engine.nextFireTime("daily")).isEqualTo(Instant.parse("2031-01-05T00:00:00Z"));
        }
    }

    @Test
    void theEndDateEndsTheSchedule() {
        write(
                home,
                "daily",
                Workflows.yaml("daily", "@daily", "UTC", true, START_DATE, Instant.parse("2031-01-02T00:00:00Z"), ""));
        SettableClock clock = new SettableClock(Instant.parse("2031-01-10T00:00:00Z"));

        try (Engine engine = start(database, home, clock)) {
            assertThat(runs(engine, "daily"))
                    .extracting(Run::logicalDate)
                    .containsExactly(Instant.parse("2031-01-01T00:00:00Z"), Instant.parse("2031-01-02T00:00:00Z"));
            assertThat(engine.nextFireTime("daily")).isNull();
        }
    }

    @Test
    void aPauseSurvivesARestartAndUnpausingCatchesUp() {
        write(home, "daily", Workflows.yaml("daily", "@daily", "UTC", true, START_DATE, null, ""));
        SettableClock clock = new SettableClock(Instant.parse("2031-01-02T06:00:00Z"));
        try (Engine engine = start(database, home, clock)) {
            assertThat(runs(engine, "daily")).hasSize(1);
            engine.setPaused("daily", true);
        }

        clock.set(Instant.parse("2031-01-05T06:00:00Z"));
        try (Engine engine = start(database, home, clock)) {
            assertThat(engine.isPaused("daily")).isTrue();
            assertThat(runs(engine, "daily")).hasSize(1);

            engine.setPaused("daily", false);

            assertThat(runs(engine, "daily"))
                    .extracting(Run::logicalDate)
                    .containsExactly(
                            Instant.parse("2031-01-01T00:00:00Z"), Instant.parse("2031-01-02T00:00:00Z"),
                            Instant.parse("2031-01-03T00:00:00Z"), Instant.parse("2031-01-04T00:00:00Z"));
            assertThat(engine.nextFireTime("daily")).isEqualTo(Instant.parse("2031-01-06T00:00:00Z"));
        }
    }

    @Test
    void unpausingWithoutCatchUpRunsTheLatestIntervalOnly() {
        write(home, "daily", Workflows.yaml("daily", "@daily", "UTC", false, START_DATE, null, ""));
        SettableClock clock = new SettableClock(Instant.parse("2031-01-02T06:00:00Z"));
        try (Engine engine = start(database, home, clock)) {
            engine.setPaused("daily", true);
            clock.set(Instant.parse("2031-01-05T06:00:00Z"));

            engine.setPaused("daily", false);

            assertThat(runs(engine, "daily"))
                    .extracting(Run::logicalDate)
                    .containsExactly(Instant.parse("2031-01-01T00:00:00Z"), Instant.parse("2031-01-04T00:00:00Z"));
        }
    }

    @Test
    void catchUpAcrossTheSpringChangeUsesTheMovedFireTime() {
        // 2031-03-30 is the last Sunday of March: 02:30 Berlin does not exist and fires at 03:30 CEST (01:30Z).
        write(
                home,
                "berlin",
                Workflows.yaml(
                        "berlin",
                        "30 2 * * *",
                        "Europe/Berlin",
                        true,
                        Instant.parse("2031-03-28T01:30:00Z"),
                        null,
                        ""));
        SettableClock clock = new SettableClock(Instant.parse("2031-03-31T12:00:00Z"));

        try (Engine engine = start(database, home, clock)) {
            assertThat(runs(engine, "berlin"))
                    .extracting(Run::dataIntervalStart, Run::dataIntervalEnd)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    Instant.parse("2031-03-28T01:30:00Z"), Instant.parse("2031-03-29T01:30:00Z")),
                            org.assertj.core.groups.Tuple.tuple(
                                    Instant.parse("2031-03-29T01:30:00Z"), Instant.parse("2031-03-30T01:30:00Z")),
                            org.assertj.core.groups.Tuple.tuple(
                                    Instant.parse("2031-03-30T01:30:00Z"), Instant.parse("2031-03-31T00:30:00Z")));
        }
    }

    /** Run ids in the order the runs were queued (the store lists newest first). */
    private static List<String> queuedOrder(Engine engine) {
        List<String> newestFirst =
                engine.runs().runs(new dev.freshet.engine.run.RunQuery("daily", null, null, 100, 0)).runs().stream()
                        .map(Run::runId)
                        .toList();
        List<String> oldestFirst = new java.util.ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }
}
