package dev.freshet.engine.scheduling;

import dev.freshet.engine.Engine;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.testdb.TestDatabase;
import dev.freshet.engine.testdb.TestDatabases;
import dev.freshet.engine.workflow.Workflow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.freshet.engine.scheduling.EngineSchedules.awaitAllEnded;
import static dev.freshet.engine.scheduling.EngineSchedules.runs;
import static dev.freshet.engine.scheduling.EngineSchedules.start;
import static dev.freshet.engine.scheduling.EngineSchedules.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A backfill runs one backfill run per interval, queued beyond max_active_runs, and never repeats an interval. */
@ExtendWith(TestDatabases.class)
class BackfillTest {
    static TestDatabase database;

    @BeforeAll
    static void pickDatabase(TestDatabase testDatabase) {
        database = testDatabase;
    }

    @TempDir
    Path home;

    @Test
    void oneRunPerIntervalInTheRangeOneAtATime() {
        // The schedule ended long ago, so no scheduled run joins in: a backfill is not bounded by the end date.
        write(
                home,
                "daily",
                Workflows.yaml(
                                "daily",
                                "@daily",
                                "UTC",
                                false,
                                null,
                                Instant.parse("2024-06-01T00:00:00Z"),
                                "max_active_runs: 1\n")
                        .replace("{id: only, type: noop}", "{id: only, type: sleep, with: {seconds: 0.2}}"));
        try (Engine engine = start(database, home, Clock.systemUTC())) {
            Workflow workflow = engine.workflow("daily").orElseThrow();
            List<Backfill.Item> items = new Backfill(engine.runs())
                    .start(
                            workflow,
                            Instant.parse("2025-01-01T00:00:00Z"),
                            Instant.parse("2025-01-03T00:00:00Z"),
                            Map.of("k", 1),
                            "test");

            assertThat(items)
                    .extracting(item -> item.run().runId())
                    .containsExactly(
                            "backfill__2025-01-01T00:00:00Z",
                            "backfill__2025-01-02T00:00:00Z",
                            "backfill__2025-01-03T00:00:00Z");
            assertThat(items).noneMatch(Backfill.Item::alreadyRan);
            assertThat(items.get(2).run().state()).isEqualTo(RunState.QUEUED);
            Run last = items.get(2).run();
            assertThat(last.runType().wireName()).isEqualTo("backfill");
            assertThat(last.triggeredBy()).isEqualTo("test");
            assertThat(last.conf()).containsEntry("k", 1);
            assertThat(last.dataIntervalStart()).isEqualTo(Instant.parse("2025-01-03T00:00:00Z"));
            assertThat(last.dataIntervalEnd()).isEqualTo(Instant.parse("2025-01-04T00:00:00Z"));

            awaitAllEnded(engine, "daily");
            List<Run> done = runs(engine, "daily");
            assertThat(done).allMatch(run -> run.state() == RunState.SUCCESS);
            for (int i = 1; i < done.size(); i++) {
                assertThat(done.get(i).startDate())
                        .isAfterOrEqualTo(done.get(i - 1).endDate());
            }

            List<Backfill.Item> again = new Backfill(engine.runs())
                    .start(
                            workflow,
                            Instant.parse("2025-01-02T00:00:00Z"),
                            Instant.parse("2025-01-04T00:00:00Z"),
                            Map.of(),
                            "test");
            assertThat(again).extracting(Backfill.Item::alreadyRan).containsExactly(true, true, false);
            awaitAllEnded(engine, "daily");
        }
    }

    @Test
    void aManualOnlyWorkflowCannotBeBackfilled() {
        write(home, "manual", "id: manual\ntasks:\n  - {id: only, type: noop}\n");
        try (Engine engine = start(database, home, Clock.systemUTC())) {
            Workflow workflow = engine.workflow("manual").orElseThrow();
            assertThatThrownBy(() -> Backfill.intervals(
                            workflow, Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-02T00:00:00Z")))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("'manual' has no repeating schedule");
        }
    }
}
