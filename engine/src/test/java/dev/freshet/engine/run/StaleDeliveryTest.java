package dev.freshet.engine.run;

import dev.freshet.engine.artifacts.FileArtifactStore;
import dev.freshet.engine.store.Database;
import dev.freshet.engine.store.JooqRunStore;
import dev.freshet.engine.store.JooqTrackingStore;
import dev.freshet.engine.task.TaskContext;
import dev.freshet.engine.task.TaskResult;
import dev.freshet.engine.task.TaskType;
import dev.freshet.engine.task.TaskTypeRegistry;
import dev.freshet.engine.testdb.TestDatabase;
import dev.freshet.engine.testdb.TestDatabases;
import dev.freshet.engine.tracking.ArtifactStore;
import dev.freshet.engine.tracking.ModelRegistry;
import dev.freshet.engine.tracking.Tracking;
import dev.freshet.engine.workflow.Workflow;
import dev.freshet.engine.workflow.WorkflowParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A queue may deliver a try again (at least once delivery, a recovery that races a late commit, a cleared task's
 * old job): only the try a task is waiting for runs. Tries are delivered here by hand, through a queue that only
 * records what it is given, so every delivery is one the test chose.
 */
@ExtendWith(TestDatabases.class)
class StaleDeliveryTest {
    @TempDir
    static Path home;

    static Database database;
    static RunStore store;
    static TaskRunner runner;
    static RunService runs;
    static final List<TryKey> submitted = new CopyOnWriteArrayList<>();
    static final Map<String, AtomicInteger> bodyRuns = new ConcurrentHashMap<>();
    static volatile CountDownLatch release = new CountDownLatch(0);

    /** Counts its runs per run and task; fails its first try when the task is named "flaky"; waits for release. */
    static final class CountingTask implements TaskType {
        @Override
        public String type() {
            return "counting";
        }

        @Override
        public TaskResult run(TaskContext context) throws Exception {
            int n = bodyRuns.computeIfAbsent(context.runId() + "/" + context.taskId(), k -> new AtomicInteger())
                    .incrementAndGet();
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
            if (context.taskId().equals("flaky") && n == 1) {
                throw new dev.freshet.engine.error.FreshetException("first try fails");
            }
            return TaskResult.of(Map.of("n", n));
        }
    }

    @BeforeAll
    static void start(TestDatabase testDatabase) {
        Clock clock = Clock.systemUTC();
        database = Database.open(testDatabase.url(home), null, null, 4);
        store = new JooqRunStore(database, clock);
        JooqTrackingStore trackingStore = new JooqTrackingStore(database);
        EngineSettings settings = new EngineSettings(home, "test-host", clock);
        ArtifactStore artifacts = new FileArtifactStore(home.resolve("artifacts"));
        Tracking tracking = new Tracking(trackingStore, artifacts, clock);
        WorkflowParser parser = new WorkflowParser(List.of("counting"));
        Workflow once = parser.parse("""
                id: once
                tasks: [{id: once, type: counting}]
                """, "once.yaml");
        Workflow flaky = parser.parse("""
                id: flaky
                tasks: [{id: flaky, type: counting, retries: 1, retry_delay: 0s}]
                """, "flaky.yaml");
        WorkflowSource workflows =
                id -> Optional.ofNullable(Map.of("once", once, "flaky", flaky).get(id));
        AfterCommit afterCommit = new AfterCommit(store, clock);
        runner = new TaskRunner(
                store,
                workflows,
                new TaskTypeRegistry(List.of(new CountingTask())),
                tracking,
                new ModelRegistry(trackingStore, artifacts, clock),
                settings,
                afterCommit);
        runs = new RunService(
                store,
                workflows,
                (workflowId, requested) -> tracking.experimentNamed(workflowId).id(),
                runner,
                settings,
                afterCommit);
        runs.connect(new TaskQueue() {
            @Override
            public void submit(TryKey key, Duration delay) {
                submitted.add(key);
            }

            @Override
            public boolean contains(TryKey key) {
                return submitted.contains(key);
            }
        });
    }

    @AfterAll
    static void stop() {
        runner.shutdown();
        database.close();
    }

    @Test
    void aFinishedTryDeliveredAgainDoesNotRun() {
        TryKey first = trigger("once");
        runner.execute(first, false);
        TaskRun done = task(first);
        assertThat(done.state()).isEqualTo(TaskState.SUCCESS);

        runner.execute(first, false);
        runner.execute(first, true);

        assertThat(bodyRuns(first)).isEqualTo(1);
        assertThat(task(first)).isEqualTo(done);
        assertThat(runs.tries(first.runId(), first.taskId()))
                .extracting(TaskTry::state)
                .containsExactly(TaskState.SUCCESS);
        assertThat(runs.run(first.runId()).state()).isEqualTo(RunState.SUCCESS);
    }

    @Test
    void anOlderTryDeliveredAgainDoesNotRun() {
        TryKey first = trigger("flaky");
        runner.execute(first, false);
        TaskRun waiting = task(first);
        assertThat(waiting.state()).isEqualTo(TaskState.UP_FOR_RETRY);
        assertThat(waiting.tryNumber()).isEqualTo(2);

        runner.execute(first, false);
        runner.execute(first, true);

        assertThat(bodyRuns(first)).isEqualTo(1);
        assertThat(task(first)).isEqualTo(waiting);

        TryKey second = new TryKey(first.runId(), first.taskId(), 2);
        assertThat(submitted).contains(second);
        runner.execute(second, false);
        TaskRun done = task(first);
        assertThat(done.state()).isEqualTo(TaskState.SUCCESS);

        runner.execute(first, false);
        assertThat(bodyRuns(first)).isEqualTo(2);
        assertThat(task(first)).isEqualTo(done);
        assertThat(runs.tries(first.runId(), first.taskId()))
                .extracting(TaskTry::state)
                .containsExactly(TaskState.FAILED, TaskState.SUCCESS);
    }

    @Test
    void theRunningTryDeliveredASecondTimeDoesNotRunTwice() throws Exception {
        TryKey key = trigger("once");
        release = new CountDownLatch(1);
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            Future<?> first = worker.submit(() -> runner.execute(key, false));
            await().atMost(Duration.ofSeconds(10)).until(() -> bodyRuns(key) == 1);
            TaskRun running = task(key);
            assertThat(running.state()).isEqualTo(TaskState.RUNNING);

            runner.execute(key, false);

            assertThat(bodyRuns(key)).isEqualTo(1);
            assertThat(task(key)).isEqualTo(running);
            release.countDown();
            first.get(10, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            worker.shutdownNow();
        }
        assertThat(bodyRuns(key)).isEqualTo(1);
        assertThat(task(key).state()).isEqualTo(TaskState.SUCCESS);
        assertThat(runs.tries(key.runId(), key.taskId())).hasSize(1);
    }

    @Test
    void startTryRefusesRunningFinishedAndWrongTryRows() throws Exception {
        TryKey key = trigger("once");
        assertThat(store.startTry(new TryKey(key.runId(), key.taskId(), 2), java.time.Instant.now(), "h"))
                .as("a try the task is not waiting for")
                .isFalse();
        assertThat(task(key).state()).isEqualTo(TaskState.SCHEDULED);

        assertThat(store.startTry(key, java.time.Instant.now(), "h"))
                .as("the try it waits for")
                .isTrue();
        TaskRun running = task(key);
        assertThat(running.state()).isEqualTo(TaskState.RUNNING);
        assertThat(store.startTry(key, java.time.Instant.now(), "other"))
                .as("a running try")
                .isFalse();
        assertThat(task(key)).isEqualTo(running);

        TryKey finished = trigger("once");
        runner.execute(finished, false);
        TaskRun done = task(finished);
        assertThat(store.startTry(finished, java.time.Instant.now(), "h"))
                .as("a finished try")
                .isFalse();
        assertThat(task(finished)).isEqualTo(done);
    }

    /** Triggers a run of the workflow; returns the one try the run's start queued. */
    private static TryKey trigger(String workflowId) {
        Run run = runs.trigger(TriggerRequest.manual(workflowId, Map.of(), "test"));
        return submitted.stream()
                .filter(k -> k.runId().equals(run.runId()))
                .findFirst()
                .orElseThrow();
    }

    private static TaskRun task(TryKey key) {
        return runs.taskRuns(key.runId()).stream()
                .filter(t -> t.taskId().equals(key.taskId()))
                .findFirst()
                .orElseThrow();
    }

    private static int bodyRuns(TryKey key) {
        AtomicInteger count = bodyRuns.get(key.runId() + "/" + key.taskId());
        return count == null ? 0 : count.get();
    }
}
