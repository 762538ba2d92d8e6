package dev.freshet.engine.run;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link RunStore} must do, run against each store by a subclass (the in-memory one, jOOQ on H2, ...): the
 * run core's tests on the in-memory store stand for the real ones only as far as this holds.
 */
public abstract class RunStoreContractTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    private static final AtomicLong RUN_NUMBER = new AtomicLong();

    protected RunStore store;
    private long experimentId;
    private String workflowId;

    /** A fresh store (or one whose rows the test's ids cannot meet). */
    protected abstract RunStore newStore();

    /** An experiment the store accepts runs into. */
    protected abstract long experimentId(RunStore store);

    @BeforeEach
    void setUp() {
        store = newStore();
        experimentId = experimentId(store);
        workflowId = "wf-" + RUN_NUMBER.incrementAndGet();
    }

    private Run queuedRun(String workflow) {
        String runId = "run-" + RUN_NUMBER.incrementAndGet();
        return new Run(
                runId,
                workflow,
                experimentId,
                RunState.QUEUED,
                RunType.MANUAL,
                "test",
                Map.of("k", 1),
                Map.of("k", 1, "name", "x"),
                "hash",
                T0,
                T0,
                T0.plusSeconds(60),
                T0,
                null,
                null,
                "a note");
    }

    private Run insert(Run run, String... taskIds) {
        store.inTransaction(tx -> {
            tx.lockWorkflow(run.workflowId());
            tx.insertRun(
                    run,
                    List.of(taskIds).stream()
                            .map(id -> TaskRun.initial(run.runId(), id, "noop", 2))
                            .toList());
            return null;
        });
        return run;
    }

    private Run running(String workflow, String... taskIds) {
        Run run = insert(queuedRun(workflow), taskIds);
        Run started = run.moveTo(RunState.RUNNING, T0);
        update(tx -> tx.updateRun(started));
        return started;
    }

    private void update(java.util.function.Consumer<RunTransaction> change) {
        store.inTransaction(tx -> {
            change.accept(tx);
            return null;
        });
    }

    private TaskRun task(String runId, String taskId) {
        return store.taskRuns(runId).stream()
                .filter(t -> t.taskId().equals(taskId))
                .findFirst()
                .orElseThrow();
    }

    private TaskRun schedule(String runId, String taskId) {
        TaskRun scheduled = task(runId, taskId).scheduled(task(runId, taskId).tryNumber() + 1);
        update(tx -> tx.updateTask(scheduled));
        return scheduled;
    }

    @Test
    void aRunAndItsTasksReadBackAsWritten() {
        Run run = insert(queuedRun(workflowId), "a", "b");

        assertThat(store.run(run.runId())).contains(run);
        assertThat(store.taskRuns(run.runId())).extracting(TaskRun::taskId).containsExactlyInAnyOrder("a", "b");
        assertThat(task(run.runId(), "a")).isEqualTo(TaskRun.initial(run.runId(), "a", "noop", 2));
        assertThat(store.<Boolean>inTransaction(tx -> tx.runExists(run.runId())))
                .isTrue();
        assertThat(store.run("no-such-run")).isEmpty();
    }

    @Test
    void aSecondRunWithTheSameIdIsRefused() {
        Run run = insert(queuedRun(workflowId), "a");

        assertThatThrownBy(() -> insert(run, "a")).isInstanceOf(RuntimeException.class);
        assertThat(store.taskRuns(run.runId())).hasSize(1);
    }

    @Test
    void aTransactionThatThrowsLeavesNothingBehind() {
        Run run = queuedRun(workflowId);

        assertThatThrownBy(() -> store.inTransaction(tx -> {
                    tx.insertRun(run, List.of(TaskRun.initial(run.runId(), "a", "noop", 1)));
                    throw new IllegalStateException("after the insert");
                }))
                .hasMessage("after the insert");

        assertThat(store.run(run.runId())).isEmpty();
        assertThat(store.taskRuns(run.runId())).isEmpty();
    }

    @Test
    void updatingARunChangesItsStateAndTimes() {
        Run run = insert(queuedRun(workflowId), "a");
        Run started = run.moveTo(RunState.RUNNING, T0.plusSeconds(1));
        update(tx -> tx.updateRun(started));
        Run ended = started.moveTo(RunState.SUCCESS, T0.plusSeconds(2));
        update(tx -> tx.updateRun(ended));

        assertThat(store.run(run.runId())).contains(ended);
        assertThat(store.<java.util.Optional<RunState>>inTransaction(tx -> tx.lockRunState(run.runId())))
                .contains(RunState.SUCCESS);
        assertThat(store.<java.util.Optional<Run>>inTransaction(tx -> tx.lockRun(run.runId())))
                .contains(ended);
    }

    @Test
    void startTryIsACompareAndSetOnTheTryTheTaskWaitsFor() {
        Run run = running(workflowId, "a");
        schedule(run.runId(), "a");
        TryKey first = new TryKey(run.runId(), "a", 1);

        assertThat(store.startTry(new TryKey(run.runId(), "a", 2), T0, "host")).isFalse();
        assertThat(store.startTry(first, T0, "host")).isTrue();
        assertThat(store.startTry(first, T0, "host")).as("a duplicate delivery").isFalse();

        TaskRun started = task(run.runId(), "a");
        assertThat(started.state()).isEqualTo(TaskState.RUNNING);
        assertThat(started.startDate()).isEqualTo(T0);
        assertThat(started.hostname()).isEqualTo("host");
        assertThat(store.stillRunning(Set.of(first, new TryKey(run.runId(), "a", 2))))
                .containsExactly(first);
    }

    @Test
    void aTryWaitingForItsRetryStartsAndOneNeverScheduledDoesNot() {
        Run run = running(workflowId, "a", "b");
        schedule(run.runId(), "a");
        TryKey first = new TryKey(run.runId(), "a", 1);
        store.startTry(first, T0, "host");
        update(tx -> tx.updateTask(task(run.runId(), "a").retryAt(T0, T0.plusSeconds(30), "boom")));

        TaskRun waiting = task(run.runId(), "a");
        assertThat(waiting.state()).isEqualTo(TaskState.UP_FOR_RETRY);
        assertThat(waiting.nextTryAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(store.startTry(new TryKey(run.runId(), "a", 2), T0.plusSeconds(30), "host"))
                .isTrue();
        assertThat(store.startTry(new TryKey(run.runId(), "b", 1), T0, "host")).isFalse();
    }

    @Test
    void aCarriedTryNamesItsCarrierUntilItStartsUnderAJobOfItsOwn() {
        Run run = running(workflowId, "a", "b");
        schedule(run.runId(), "a");
        TryKey carrier = new TryKey(run.runId(), "a", 1);
        store.startTry(carrier, T0, "host");
        TaskRun successor = task(run.runId(), "b").scheduled(1).started(T0, "host");
        update(tx -> tx.startCarriedTry(successor, carrier));
        TryKey carried = new TryKey(run.runId(), "b", 1);

        assertThat(task(run.runId(), "b").state()).isEqualTo(TaskState.RUNNING);
        assertThat(store.carrierOf(carried)).contains(carrier);
        assertThat(store.runningCarriedBy(carrier)).containsExactly(carried);
        assertThat(store.carrierOf(carrier)).isEmpty();

        update(tx -> tx.updateTask(task(run.runId(), "b").finished(TaskState.SUCCESS, T0, Map.of(), null)));
        assertThat(store.runningCarriedBy(carrier)).isEmpty();
    }

    @Test
    void onlyARunningTaskCanBeCarried() {
        Run run = running(workflowId, "a", "b");
        TryKey carrier = new TryKey(run.runId(), "a", 1);

        assertThatThrownBy(() ->
                        update(tx -> tx.startCarriedTry(task(run.runId(), "b").scheduled(1), carrier)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void outputsReadBackAsStoredSaysTheyWould() {
        Run run = running(workflowId, "a", "b");
        schedule(run.runId(), "a");
        store.startTry(new TryKey(run.runId(), "a", 1), T0, "host");
        Map<String, Object> outputs = Map.of(
                "count",
                3,
                "ratio",
                0.5,
                "big",
                12_345_678_901L,
                "names",
                List.of("x", "y"),
                "nested",
                Map.of("ok", true));
        update(tx -> tx.updateTask(task(run.runId(), "a").finished(TaskState.SUCCESS, T0, outputs, null)));

        assertThat(store.taskOutputs(run.runId())).containsOnlyKeys("a");
        assertThat(store.taskOutputs(run.runId()).get("a")).isEqualTo(store.asStored(outputs));
        assertThat(task(run.runId(), "a").outputs()).isEqualTo(store.asStored(outputs));
    }

    @Test
    void triesReadBackInTheirOrderAndEachIsWrittenOnce() {
        Run run = running(workflowId, "a");
        TaskTry second =
                new TaskTry(run.runId(), "a", 2, TaskState.SUCCESS, T0.plusSeconds(5), T0.plusSeconds(6), null, "host");
        TaskTry first = new TaskTry(run.runId(), "a", 1, TaskState.FAILED, T0, T0.plusSeconds(1), "boom", "host");
        update(tx -> tx.insertTry(second));
        update(tx -> tx.insertTry(first));

        assertThat(store.tries(run.runId(), "a")).containsExactly(first, second);
        assertThatThrownBy(() -> update(tx -> tx.insertTry(first))).isInstanceOf(RuntimeException.class);
    }

    @Test
    void runsComeNewestFirstFilteredAndPaged() {
        Run one = insert(queuedRun(workflowId), "a");
        Run two = running(workflowId, "a");
        Run three = insert(queuedRun(workflowId), "a");
        insert(queuedRun(workflowId + "-other"), "a");

        RunSlice page = store.runs(new RunQuery(workflowId, null, null, 2, 0));
        assertThat(page.runs()).extracting(Run::runId).containsExactly(three.runId(), two.runId());
        assertThat(page.totalEntries()).isEqualTo(3);
        assertThat(store.runs(new RunQuery(workflowId, null, null, 2, 2)).runs())
                .extracting(Run::runId)
                .containsExactly(one.runId());
        assertThat(store.runs(new RunQuery(workflowId, RunState.QUEUED, null, 10, 0))
                        .runs())
                .extracting(Run::runId)
                .containsExactly(three.runId(), one.runId());
        assertThat(store.runs(new RunQuery(workflowId, null, experimentId, 10, 0))
                        .totalEntries())
                .isEqualTo(3);
    }

    @Test
    void aWorkflowsRunsInAStateComeOldestFirst() {
        Run one = insert(queuedRun(workflowId), "a");
        Run two = insert(queuedRun(workflowId), "a");
        running(workflowId, "a");

        assertThat(store.<List<Run>>inTransaction(tx -> tx.runsOf(workflowId, RunState.QUEUED)))
                .extracting(Run::runId)
                .containsExactly(one.runId(), two.runId());
        assertThat(store.<Integer>inTransaction(tx -> tx.countRuns(workflowId, RunState.QUEUED)))
                .isEqualTo(2);
        assertThat(store.hasRuns(workflowId, RunState.RUNNING)).isTrue();
        assertThat(store.hasRuns(workflowId, RunState.FAILED)).isFalse();
        assertThat(store.runsInState(RunState.QUEUED))
                .extracting(Run::runId)
                .containsSubsequence(one.runId(), two.runId());
    }

    @Test
    void unfinishedTasksAreThoseOfRunningRuns() {
        Run active = running(workflowId, "a");
        Run queued = insert(queuedRun(workflowId), "a");
        schedule(active.runId(), "a");
        update(tx -> tx.updateTask(task(queued.runId(), "a").scheduled(1)));

        assertThat(store.unfinishedTaskRuns(TaskState.SCHEDULED))
                .extracting(TaskRun::runId)
                .contains(active.runId())
                .doesNotContain(queued.runId());
    }

    @Test
    void activeTasksAreTheScheduledAndRunningOnesOfTheWorkflowsRunningRuns() {
        Run run = running(workflowId, "a", "b", "c");
        Run queued = insert(queuedRun(workflowId), "a");
        schedule(run.runId(), "a");
        schedule(run.runId(), "b");
        store.startTry(new TryKey(run.runId(), "b", 1), T0, "host");
        update(tx -> tx.updateTask(task(queued.runId(), "a").scheduled(1)));

        assertThat(store.<Integer>inTransaction(tx -> tx.activeTaskCount(workflowId)))
                .isEqualTo(2);
    }

    @Test
    void theWorkflowsRowKeepsWhetherTasksAreHeldBackAndWhetherItIsPaused() {
        assertThat(store.<WorkflowLock>inTransaction(tx -> tx.lockWorkflow(workflowId)))
                .isEqualTo(new WorkflowLock(workflowId, false));
        update(tx -> tx.setTasksHeldBack(workflowId, true));
        assertThat(store.<WorkflowLock>inTransaction(tx -> tx.lockWorkflow(workflowId))
                        .tasksHeldBack())
                .isTrue();

        assertThat(store.isPaused(workflowId)).isFalse();
        store.setPaused(workflowId, true);
        assertThat(store.isPaused(workflowId)).isTrue();
        assertThat(store.<WorkflowLock>inTransaction(tx -> tx.lockWorkflow(workflowId))
                        .tasksHeldBack())
                .isTrue();
    }

    @Test
    void tasksReadBackInTheOrderTheRunListedThemAfterUpdates() {
        Run run = running(workflowId, "zeta", "alpha", "mu", "beta");
        schedule(run.runId(), "zeta");
        schedule(run.runId(), "alpha");

        assertThat(store.taskRuns(run.runId()))
                .extracting(TaskRun::taskId)
                .containsExactly("zeta", "alpha", "mu", "beta");
        assertThat(store.<List<TaskRun>>inTransaction(tx -> tx.taskRuns(run.runId())))
                .extracting(TaskRun::taskId)
                .containsExactly("zeta", "alpha", "mu", "beta");
    }

    @Test
    void aTaskUpdateKeepsItsRowsOtherTasks() {
        Run run = running(workflowId, "a", "b");
        TaskRun b = task(run.runId(), "b");
        schedule(run.runId(), "a");
        assertThat(task(run.runId(), "b")).isEqualTo(b);
        assertThat(task(run.runId(), "a").state()).isEqualTo(TaskState.SCHEDULED);
    }

    @Test
    void finishedRunsComeInTheOrderTheyEndedFromATime() {
        Run late = running(workflowId, "a");
        Run early = running(workflowId, "a");
        Run before = running(workflowId, "a");
        running(workflowId, "a");
        update(tx -> tx.updateRun(late.moveTo(RunState.SUCCESS, T0.plusSeconds(3020))));
        update(tx -> tx.updateRun(early.moveTo(RunState.FAILED, T0.plusSeconds(3010))));
        update(tx -> tx.updateRun(before.moveTo(RunState.SUCCESS, T0.plusSeconds(3000))));

        assertThat(store.runsEndedSince(T0.plusSeconds(3010), 10))
                .extracting(Run::runId)
                .containsExactly(early.runId(), late.runId());
        assertThat(store.runsEndedSince(T0.plusSeconds(3000), 1))
                .extracting(Run::runId)
                .containsExactly(before.runId());
    }

    private Run queuedAt(Instant logicalDate) {
        Run run = queuedRun(workflowId);
        return insert(
                new Run(
                        run.runId(),
                        run.workflowId(),
                        run.experimentId(),
                        run.state(),
                        run.runType(),
                        run.triggeredBy(),
                        run.conf(),
                        run.params(),
                        run.workflowHash(),
                        logicalDate,
                        logicalDate,
                        logicalDate,
                        run.queuedAt(),
                        null,
                        null,
                        null),
                "a");
    }

    @Test
    void runsAreNarrowedByStatesAndDateRangesAndOrderedByAField() {
        Run march = queuedAt(T0.plusSeconds(3 * 86400));
        Run january = queuedAt(T0.plusSeconds(86400));
        Run february = queuedAt(T0.plusSeconds(2 * 86400));
        Run started = february.moveTo(RunState.RUNNING, T0);
        update(tx -> tx.updateRun(started));
        RunFilter.Range fromFebruary = new RunFilter.Range(T0.plusSeconds(2 * 86400), null);

        RunFilter byDate = new RunFilter(
                Set.of(),
                RunFilter.Range.ANY,
                RunFilter.Range.ANY,
                RunFilter.Range.ANY,
                new RunFilter.Order(RunFilter.Field.LOGICAL_DATE, false));
        assertThat(store.runs(new RunQuery(workflowId, null, null, 10, 0, byDate))
                        .runs())
                .extracting(Run::runId)
                .containsExactly(january.runId(), february.runId(), march.runId());

        RunFilter queuedFromFebruary = new RunFilter(
                Set.of(RunState.QUEUED, RunState.FAILED),
                fromFebruary,
                RunFilter.Range.ANY,
                RunFilter.Range.ANY,
                RunFilter.Order.NEWEST_FIRST);
        RunSlice slice = store.runs(new RunQuery(workflowId, null, null, 10, 0, queuedFromFebruary));
        assertThat(slice.runs()).extracting(Run::runId).containsExactly(march.runId());
        assertThat(slice.totalEntries()).isEqualTo(1);

        RunFilter started2026 = new RunFilter(
                Set.of(),
                RunFilter.Range.ANY,
                new RunFilter.Range(T0, T0),
                RunFilter.Range.ANY,
                RunFilter.Order.NEWEST_FIRST);
        assertThat(store.runs(new RunQuery(workflowId, null, null, 10, 0, started2026))
                        .runs())
                .extracting(Run::runId)
                .containsExactly(february.runId());
    }
}
