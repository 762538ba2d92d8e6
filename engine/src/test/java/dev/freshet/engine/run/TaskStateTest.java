package dev.freshet.engine.run;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskStateTest {

    @Test
    void aTaskGoesThroughItsLifeInOrder() {
        TaskRun task = TaskRun.initial("r1", "train", "noop", 3);

        TaskRun scheduled = task.scheduled(1);
        TaskRun running = scheduled.started(java.time.Instant.EPOCH, "host");
        TaskRun retry = running.retryAt(java.time.Instant.EPOCH, java.time.Instant.EPOCH.plusSeconds(30), "boom");
        TaskRun runningAgain = retry.started(java.time.Instant.EPOCH.plusSeconds(30), "host");
        TaskRun done =
                runningAgain.finished(TaskState.SUCCESS, java.time.Instant.EPOCH.plusSeconds(31), Map.of("k", 1), null);

        assertThat(scheduled.state()).isEqualTo(TaskState.SCHEDULED);
        assertThat(scheduled.tryNumber()).isEqualTo(1);
        assertThat(retry.state()).isEqualTo(TaskState.UP_FOR_RETRY);
        assertThat(retry.tryNumber()).isEqualTo(2);
        assertThat(retry.error()).isEqualTo("boom");
        assertThat(done.state()).isEqualTo(TaskState.SUCCESS);
        assertThat(done.outputs()).containsEntry("k", 1);
        assertThat(done.tryNumber()).isEqualTo(2);
    }

    @Test
    void aFinishedTaskCannotStartAgainWithoutBeingCleared() {
        TaskRun done = TaskRun.initial("r1", "t", "noop", 1)
                .scheduled(1)
                .started(java.time.Instant.EPOCH, "h")
                .finished(TaskState.SUCCESS, java.time.Instant.EPOCH, Map.of(), null);

        assertThatThrownBy(() -> done.started(java.time.Instant.EPOCH, "h"))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("cannot move from success to running");
        TaskRun cleared = done.cleared(2);
        assertThat(cleared.state()).isEqualTo(TaskState.NONE);
        assertThat(cleared.maxTries()).isEqualTo(done.tryNumber() + 3);
    }

    @Test
    void aTaskThatNeverRanCannotSucceedByRunning() {
        assertThat(TaskState.NONE.canMoveTo(TaskState.RUNNING)).isFalse();
        assertThat(TaskState.NONE.canMoveTo(TaskState.UP_FOR_RETRY)).isFalse();
        assertThat(TaskState.UPSTREAM_FAILED.canMoveTo(TaskState.RUNNING)).isFalse();
    }

    @Test
    void terminalAndFailureStatesAreThoseOfAirflow() {
        assertThat(TaskState.values())
                .filteredOn(TaskState::isTerminal)
                .containsExactlyInAnyOrder(
                        TaskState.SUCCESS, TaskState.FAILED, TaskState.UPSTREAM_FAILED, TaskState.SKIPPED);
        assertThat(TaskState.values())
                .filteredOn(TaskState::isFailure)
                .containsExactlyInAnyOrder(TaskState.FAILED, TaskState.UPSTREAM_FAILED);
        assertThat(TaskState.fromWire("up_for_retry")).isEqualTo(TaskState.UP_FOR_RETRY);
    }

    @Test
    void everyStateReadsBackFromItsWireNameInAnyCaseAndWithBlanks() {
        for (TaskState state : TaskState.values()) {
            assertThat(TaskState.fromWire(state.wireName())).isEqualTo(state);
            assertThat(TaskState.fromWire(" " + state.name() + " ")).isEqualTo(state);
        }
        assertThatThrownBy(() -> TaskState.fromWire("finished")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRunMovesFromQueuedToRunningToAnEnd() {
        Run queued = new Run(
                "r",
                "w",
                1,
                RunState.QUEUED,
                RunType.MANUAL,
                "test",
                Map.of(),
                Map.of(),
                null,
                java.time.Instant.EPOCH,
                null,
                null,
                java.time.Instant.EPOCH,
                null,
                null,
                null);

        Run running = queued.moveTo(RunState.RUNNING, java.time.Instant.EPOCH.plusSeconds(1));
        Run done = running.moveTo(RunState.SUCCESS, java.time.Instant.EPOCH.plusSeconds(2));

        assertThat(running.startDate()).isEqualTo(java.time.Instant.EPOCH.plusSeconds(1));
        assertThat(done.endDate()).isEqualTo(java.time.Instant.EPOCH.plusSeconds(2));
        assertThatThrownBy(() -> queued.moveTo(RunState.SUCCESS, java.time.Instant.EPOCH))
                .isInstanceOf(IllegalTransitionException.class);
    }
}
