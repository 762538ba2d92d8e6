package dev.freshet.engine.run;

import dev.freshet.engine.events.Event;
import dev.freshet.engine.events.EventKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The events the run core writes with its changes, on the in-memory store: run failed, and what tasks raise. */
class RunEventsTest {
    @TempDir
    Path home;

    private InMemoryRunStore store;
    private RunCore core;

    @BeforeEach
    void start() {
        store = new InMemoryRunStore();
        core = new RunCore(home, store);
    }

    @AfterEach
    void stop() {
        core.close();
    }

    @Test
    void aRunThatFailsWritesOneRunFailedNamingTheTaskOnlyOnceItsRetriesAreSpent() {
        core.define("""
                id: flaky
                tasks:
                  - {id: a, type: fail, retries: 1, retry_delay: 1s}
                  - {id: b, type: noop, needs: [a]}
                """);
        Run run = core.trigger("flaky");

        core.runDue();
        assertThat(store.events()).as("a try that will be retried ends nothing").isEmpty();
        core.clock.advance(java.time.Duration.ofSeconds(2));
        core.runDue();

        assertThat(core.runs.run(run.runId()).state()).isEqualTo(RunState.FAILED);
        assertThat(store.events()).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(EventKind.RUN_FAILED);
            assertThat(event.subject().workflowId()).isEqualTo("flaky");
            assertThat(event.subject().runId()).isEqualTo(run.runId());
            assertThat(event.time()).isEqualTo(core.clock.instant());
            assertThat(event.payload().get("failed_tasks"))
                    .isEqualTo(List.of(Map.of("task_id", "a", "error", "it failed")));
        });
    }

    @Test
    void aSuccessfulRunWritesNothingButWhatItsTasksRaise() {
        core.define("""
                id: drifting
                tasks:
                  - {id: check, type: warn, with: {column: alcohol}}
                  - {id: after, type: noop, needs: [check]}
                """);
        Run run = core.trigger("drifting");

        core.runDue();

        assertThat(core.runs.run(run.runId()).state()).isEqualTo(RunState.SUCCESS);
        assertThat(store.events()).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(EventKind.DRIFT_WARNING);
            assertThat(event.subject().runId()).isEqualTo(run.runId());
            assertThat(event.payload()).isEqualTo(Map.of("task_id", "check", "column", "alcohol"));
        });
    }

    @Test
    void aTaskThatRaisesAndFailsWritesItsEventAndTheRunFailedTogether() {
        core.define("""
                id: gated
                tasks:
                  - {id: validate, type: reject, with: {failed_checks: 2}}
                """);
        Run run = core.trigger("gated");

        core.runDue();

        assertThat(store.events()).extracting(Event::kind).containsExactly(EventKind.GATE_FAILED, EventKind.RUN_FAILED);
        assertThat(store.events().get(0).payload()).containsEntry("failed_checks", 2L);
        assertThat(store.events())
                .allSatisfy(e -> assertThat(e.subject().runId()).isEqualTo(run.runId()));
    }

    @Test
    void aCancelledRunWritesRunFailedWithWhoCancelledIt() {
        core.define("""
                id: waiting
                tasks:
                  - {id: a, type: noop}
                """);
        Run run = core.trigger("waiting");

        core.runs.cancel(run.runId(), "alice");

        assertThat(store.events()).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(EventKind.RUN_FAILED);
            assertThat(event.subject().runId()).isEqualTo(run.runId());
        });
    }
}
