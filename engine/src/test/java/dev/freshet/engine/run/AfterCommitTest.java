package dev.freshet.engine.run;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Effects are applied once a transaction commits, and never when it does not. */
class AfterCommitTest {
    /** A store whose next commit fails after the work ran, as a commit refused by the database would. */
    private static final class FailingCommits implements RunStore {
        private final InMemoryRunStore delegate = new InMemoryRunStore();
        private volatile boolean failNext;

        @Override
        public <T> T inTransaction(Function<RunTransaction, T> work) {
            return delegate.inTransaction(tx -> {
                T result = work.apply(tx);
                if (failNext) {
                    failNext = false;
                    throw new IllegalStateException("the commit failed");
                }
                return result;
            });
        }

        // @formatter:off
        @Override public java.util.Optional<Run> run(String runId) { return delegate.run(runId); }
        @Override public boolean startTry(TryKey key, java.time.Instant now, String host) { return delegate.startTry(key, now, host); }
        @Override public java.util.Optional<TryKey> carrierOf(TryKey key) { return delegate.carrierOf(key); }
        @Override public List<TryKey> runningCarriedBy(TryKey carrier) { return delegate.runningCarriedBy(carrier); }
        @Override public RunPage runs(RunQuery query) { return delegate.runs(query); }
        @Override public java.util.Set<TryKey> stillRunning(java.util.Collection<TryKey> tries) { return delegate.stillRunning(tries); }
        @Override public List<TaskRun> taskRuns(String runId) { return delegate.taskRuns(runId); }
        @Override public java.util.Map<String, java.util.Map<String, Object>> taskOutputs(String runId) { return delegate.taskOutputs(runId); }
        @Override public List<TaskTry> tries(String runId, String taskId) { return delegate.tries(runId, taskId); }
        @Override public java.util.Map<String, Object> asStored(java.util.Map<String, Object> outputs) { return delegate.asStored(outputs); }
        @Override public boolean hasRuns(String workflowId, RunState state) { return delegate.hasRuns(workflowId, state); }
        @Override public List<Run> runsInState(RunState state) { return delegate.runsInState(state); }
        @Override public List<TaskRun> unfinishedTaskRuns(TaskState state) { return delegate.unfinishedTaskRuns(state); }
        @Override public boolean isPaused(String workflowId) { return delegate.isPaused(workflowId); }
        @Override public void setPaused(String workflowId, boolean paused) { delegate.setPaused(workflowId, paused); }
        // @formatter:on
    }

    @TempDir
    Path home;
    private final FailingCommits store = new FailingCommits();
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
            Effects effects = new Effects.Builder().submit(key, core.clock.instant()).interrupt(key).build();
            if (!effects.isEmpty()) {
                throw new IllegalStateException("after the effects were recorded");
            }
            return Committed.of(null, effects);
        })).hasMessage("after the effects were recorded");

        assertThat(core.queue.submitted()).isEmpty();
        assertThat(interrupted).isEmpty();
        assertThat(finished).isEmpty();
    }

    @Test
    void aCommittedTransactionsEffectsAreAppliedOnce() {
        AfterCommit afterCommit = new AfterCommit(store, core.clock);
        afterCommit.connect(core.queue, key -> { }, run -> { });
        TryKey key = new TryKey("r", "t", 1);

        afterCommit.inTransaction(tx -> Committed.of(null,
                new Effects.Builder().submit(key, core.clock.instant().plusSeconds(5)).build()));

        assertThat(core.queue.submitted()).containsExactly(key);
        assertThat(core.queue.dueAt(key)).contains(core.clock.instant().plusSeconds(5));
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

        store.failNext = true;
        assertThatThrownBy(() -> core.runs.mark(first.runId(), "a", TaskState.SUCCESS))
                .hasMessage("the commit failed");
        assertThat(core.task(first.runId(), "a").state()).isEqualTo(TaskState.SCHEDULED);

        core.runs.mark(second.runId(), "a", TaskState.SUCCESS);

        assertThat(core.queue.submitted()).containsExactly(core.key(first, "a", 1), core.key(second, "a", 1),
                core.key(second, "b", 1));
    }
}
