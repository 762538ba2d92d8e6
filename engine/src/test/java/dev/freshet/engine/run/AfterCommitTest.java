package dev.freshet.engine.run;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Effects are applied once a transaction commits, and never when it does not. */
class AfterCommitTest {
    @TempDir
    Path home;

    private final InMemoryRunStore store = new InMemoryRunStore();
    private RunCore core;

    @BeforeEach
    void start() {
        core = new RunCore(home, store);
    }

    @AfterEach
    void stop() {
        core.close();
    }

    @Test
    void aTransactionThatThrowsAfterRecordingEffectsAppliesNone() {
        AfterCommit afterCommit = new AfterCommit(store, core.clock);
        List<Run> finished = new CopyOnWriteArrayList<>();
        List<TryKey> interrupted = new CopyOnWriteArrayList<>();
        afterCommit.connect(core.queue, interrupted::add, finished::add);
        TryKey key = new TryKey("r", "t", 1);

        assertThatThrownBy(() -> afterCommit.inTransaction(tx -> {
                    Effects effects = new Effects.Builder()
                            .submit(key, core.clock.instant())
                            .interrupt(key)
                            .build();
                    if (!effects.isEmpty()) {
                        throw new IllegalStateException("after the effects were recorded");
                    }
                    return Committed.of(null, effects);
                }))
                .hasMessage("after the effects were recorded");

        assertThat(core.queue.submitted()).isEmpty();
        assertThat(interrupted).isEmpty();
        assertThat(finished).isEmpty();
    }

    @Test
    void aCommittedTransactionsEffectsAreAppliedOnce() {
        AfterCommit afterCommit = new AfterCommit(store, core.clock);
        afterCommit.connect(core.queue, key -> {}, run -> {});
        TryKey key = new TryKey("r", "t", 1);

        afterCommit.inTransaction(tx -> Committed.of(
                null,
                new Effects.Builder()
                        .submit(key, core.clock.instant().plusSeconds(5))
                        .build()));

        assertThat(core.queue.submitted()).containsExactly(key);
        assertThat(core.queue.dueAt(key)).contains(core.clock.instant().plusSeconds(5));
    }

    @Test
    void producedDatasetsAreAnnouncedOnceAfterTheCommitAndNeverAfterARollback() {
        AfterCommit afterCommit = new AfterCommit(store, core.clock);
        afterCommit.connect(core.queue, key -> {}, run -> {});
        List<List<String>> announced = new CopyOnWriteArrayList<>();
        afterCommit.onDatasetsProduced(announced::add);

        store.failNextCommit();
        assertThatThrownBy(() -> afterCommit.inTransaction(tx -> Committed.of(
                        null,
                        new Effects.Builder().produced(List.of("wine-batches")).build())))
                .hasMessage("the commit failed");
        assertThat(announced).isEmpty();

        afterCommit.inTransaction(tx -> Committed.of(
                null, new Effects.Builder().produced(List.of("wine-batches")).build()));
        assertThat(announced).containsExactly(List.of("wine-batches"));
    }

    @Test
    void aMarkWhoseCommitFailsQueuesNothingThenOrOnTheThreadsNextCall() {
        core.define("""
                id: two
                tasks:
                  - {id: a, type: noop}
                  - {id: b, type: noop, needs: [a]}
                """);
        Run first = core.trigger("two");
        Run second = core.trigger("two");

        store.failNextCommit();
        assertThatThrownBy(() -> core.runs.mark(first.runId(), "a", TaskState.SUCCESS))
                .hasMessage("the commit failed");
        assertThat(core.task(first.runId(), "a").state()).isEqualTo(TaskState.SCHEDULED);

        core.runs.mark(second.runId(), "a", TaskState.SUCCESS);

        assertThat(core.queue.submitted())
                .containsExactly(core.key(first, "a", 1), core.key(second, "a", 1), core.key(second, "b", 1));
    }
}
