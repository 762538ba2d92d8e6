package dev.freshet.engine;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.error.NotFoundException;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunFilter;
import dev.freshet.engine.run.RunQuery;
import dev.freshet.engine.run.RunSlice;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.RunStore;
import dev.freshet.engine.run.TaskRun;
import dev.freshet.engine.run.TaskState;
import dev.freshet.engine.run.TaskTry;
import dev.freshet.engine.run.TriggerRequest;
import dev.freshet.engine.run.TryKey;
import dev.freshet.engine.store.Database;
import dev.freshet.engine.store.JooqRunStore;
import dev.freshet.engine.testdb.TestDatabase;
import dev.freshet.engine.testdb.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs through Quartz's JDBC store with the built-in task types: dispatch, retries, failure, queueing. On H2 here, on
 * PostgreSQL in {@link EngineRunOnPostgresTest}.
 */
@ExtendWith(TestDatabases.class)
class EngineRunTest {
    @TempDir
    static Path home;

    @TempDir
    static Path workflows;

    static Engine engine;

    static TestDatabase database;

    @BeforeAll
    static void start(TestDatabase testDatabase) throws IOException {
        database = testDatabase;
        write("chain.yaml", """
                id: chain
                tasks:
                  - {id: a, type: noop}
                  - {id: b, type: shell, needs: [a], with: {command: "echo hello from {{ params.who }}"}}
                  - {id: c, type: noop, needs: [b]}
                params: {who: freshet}
                """);
        write("flaky.yaml", """
                id: flaky
                defaults: {retries: 2, retry_delay: 0s}
                tasks:
                  - id: flaky
                    type: shell
                    with: {command: "n=$(cat count 2>/dev/null || echo 0); echo $((n+1)) > count; [ $n -ge 1 ]", cwd: "%s"}
                """.formatted(home));
        write("broken-chain.yaml", """
                id: broken-chain
                tasks:
                  - {id: fails, type: shell, with: {command: "echo bad >&2; exit 3"}}
                  - {id: after, type: noop, needs: [fails]}
                  - {id: cleanup, type: noop, needs: [fails], trigger_rule: all_done}
                """);
        write("serial.yaml", """
                id: serial
                max_active_runs: 1
                tasks:
                  - {id: wait, type: sleep, with: {seconds: 0.3}}
                """);
        write("narrow.yaml", """
                id: narrow
                max_active_runs: 2
                max_active_tasks: 2
                tasks:
                  - {id: a, type: sleep, with: {seconds: 0.2}}
                  - {id: b, type: sleep, with: {seconds: 0.2}}
                  - {id: c, type: sleep, with: {seconds: 0.2}}
                """);
        write("misconfigured.yaml", """
                id: misconfigured
                defaults: {retries: 3, retry_delay: 0s}
                tasks:
                  - {id: no-command, type: shell, with: {cwd: "."}}
                """);
        write("slow-chain.yaml", """
                id: slow-chain
                tasks:
                  - {id: wait, type: sleep, with: {seconds: 60}}
                  - {id: next, type: noop, needs: [wait]}
                """);
        write("sleepy-chain.yaml", """
                id: sleepy-chain
                tasks:
                  - {id: first, type: sleep, with: {seconds: 0.6}}
                  - {id: second, type: sleep, needs: [first], with: {seconds: 0.6}}
                  - {id: last, type: noop, needs: [second]}
                """);
        write("outputs-chain.yaml", """
                id: outputs-chain
                tasks:
                  - {id: produce, type: test.path-output}
                  - {id: consume, type: shell, needs: [produce], with: {command: "echo got {{ tasks.produce.outputs.model_path }}"}}
                """);
        write("quick.yaml", """
                id: quick
                tasks:
                  - {id: only, type: noop}
                """);
        write("oversized-outputs.yaml", """
                id: oversized-outputs
                defaults: {retries: 2, retry_delay: 0s}
                tasks:
                  - {id: big, type: test.oversized, with: {outputs: 150000}}
                  - {id: after, type: noop, needs: [big]}
                """);
        write("oversized-event.yaml", """
                id: oversized-event
                tasks:
                  - {id: loud, type: test.oversized, with: {event: 150000, outputs: 10}}
                """);
        engine = Engine.start(database.configure(EngineConfig.defaults(home))
                .withWorkflowsDir(workflows)
                .withParallelism(4));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void aChainRunsInOrderAndRendersTemplates() throws Exception {
        Run run = runToEnd("chain", Map.of());

        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
        List<TaskRun> tasks = engine.runs().taskRuns(run.runId());
        assertThat(tasks).allMatch(t -> t.state() == TaskState.SUCCESS && t.tryNumber() == 1);
        TaskRun a = task(run, "a");
        TaskRun b = task(run, "b");
        TaskRun c = task(run, "c");
        assertThat(b.startDate()).isAfterOrEqualTo(a.endDate());
        assertThat(c.startDate()).isAfterOrEqualTo(b.endDate());
        assertThat(Files.readString(engine.logFile(run.runId(), "b", 1))).contains("hello from freshet");
    }

    @Test
    void runIdsAreThirtyTwoHexDigitsThatSortInTheOrderTheRunsWereTriggered() throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add(engine.runs()
                    .trigger(TriggerRequest.manual("quick", Map.of(), "test"))
                    .runId());
        }

        assertThat(ids).allMatch(id -> id.matches("[0-9a-f]{32}"));
        assertThat(ids).isSortedAccordingTo(Comparator.naturalOrder()).doesNotHaveDuplicates();
        for (String id : ids) {
            assertThat(engine.runs().awaitRun(id, Duration.ofSeconds(30)).state())
                    .isEqualTo(RunState.SUCCESS);
        }
    }

    @Test
    void aChainsNextTaskRunsOnTheWorkerThatFinishedTheTaskBeforeCarriedByItsJob() throws Exception {
        Run run = runToEnd("chain", Map.of());

        try (Database opened = database.open(home)) {
            RunStore store = new JooqRunStore(opened, java.time.Clock.systemUTC());
            TryKey first = new TryKey(run.runId(), "a", 1);
            assertThat(store.carrierOf(first)).isEmpty();
            assertThat(store.carrierOf(new TryKey(run.runId(), "b", 1))).contains(first);
            assertThat(store.carrierOf(new TryKey(run.runId(), "c", 1))).contains(first);
            assertThat(store.runningCarriedBy(first)).isEmpty();
        }
    }

    @Test
    void aCarriedTrySeesUpstreamOutputsAsStoredLikeATryThatReadsThem() throws Exception {
        Run run = runToEnd("outputs-chain", Map.of());

        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
        try (Database opened = database.open(home)) {
            RunStore store = new JooqRunStore(opened, java.time.Clock.systemUTC());
            assertThat(store.carrierOf(new TryKey(run.runId(), "consume", 1)))
                    .contains(new TryKey(run.runId(), "produce", 1));
            String stored =
                    (String) store.taskOutputs(run.runId()).get("produce").get("model_path");
            assertThat(stored).startsWith("file:");
            assertThat(Files.readString(engine.logFile(run.runId(), "consume", 1)))
                    .contains("got " + stored);
        }
    }

    @Test
    void aChainGivesItsWorkerBackToTheQueueAfterASecond() throws Exception {
        Run run = runToEnd("sleepy-chain", Map.of());

        try (Database opened = database.open(home)) {
            RunStore store = new JooqRunStore(opened, java.time.Clock.systemUTC());
            // By the time 'last' is ready, the job of 'first' has run for 1.2 s: 'last' has a queue job of its own.
            assertThat(store.carrierOf(new TryKey(run.runId(), "last", 1))).isEmpty();
        }
        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
    }

    @Test
    void confOverridesParams() throws Exception {
        Run run = runToEnd("chain", Map.of("who", "a trigger"));

        assertThat(run.params()).containsEntry("who", "a trigger");
        assertThat(Files.readString(engine.logFile(run.runId(), "b", 1))).contains("hello from a trigger");
    }

    @Test
    void aFailedTryIsRetriedWithANewTryNumber() throws Exception {
        Run run = runToEnd("flaky", Map.of());

        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
        assertThat(task(run, "flaky").tryNumber()).isEqualTo(2);
        List<TaskTry> tries = engine.runs().tries(run.runId(), "flaky");
        assertThat(tries)
                .extracting(TaskTry::tryNumber, TaskTry::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, TaskState.FAILED),
                        org.assertj.core.groups.Tuple.tuple(2, TaskState.SUCCESS));
        assertThat(tries.get(0).error()).contains("exited with code 1");
    }

    @Test
    void aFailureMarksDownstreamUpstreamFailedButAllDoneStillRuns() throws Exception {
        Run run = runToEnd("broken-chain", Map.of());

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        Map<String, TaskState> states =
                engine.runs().taskRuns(run.runId()).stream().collect(Collectors.toMap(TaskRun::taskId, TaskRun::state));
        assertThat(states)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "fails", TaskState.FAILED, "after", TaskState.UPSTREAM_FAILED, "cleanup", TaskState.SUCCESS));
        assertThat(task(run, "fails").error()).isEqualTo("command exited with code 3");
    }

    @Test
    void runsBeyondMaxActiveRunsWaitQueuedAndStartInOrder() throws Exception {
        Run first = engine.runs().trigger(TriggerRequest.manual("serial", Map.of(), "test"));
        Run second = engine.runs().trigger(TriggerRequest.manual("serial", Map.of(), "test"));

        assertThat(engine.runs().run(second.runId()).state()).isEqualTo(RunState.QUEUED);
        Run firstDone = engine.runs().awaitRun(first.runId(), Duration.ofSeconds(30));
        Run secondDone = engine.runs().awaitRun(second.runId(), Duration.ofSeconds(30));
        assertThat(secondDone.state()).isEqualTo(RunState.SUCCESS);
        assertThat(secondDone.startDate()).isAfterOrEqualTo(firstDone.endDate());
    }

    @Test
    void anUnknownWorkflowIsNotFound() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> engine.runs().trigger(TriggerRequest.manual("nope", Map.of(), "test")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'nope'");
    }

    @Test
    void anArtifactIsRecordedWithTheDigestItsWriterComputedAndWithoutOneIsReadForIt() throws Exception {
        Run run = runToEnd("chain", Map.of());
        Path dir = Files.createDirectories(engine.tracking().artifactDir(run.runId(), "a"));
        Path written = Files.writeString(dir.resolve("written.bin"), "the bytes as written");
        Path read = Files.writeString(dir.resolve("read.bin"), "bytes to read");
        // not the file's own digest: a digest given is recorded as given, the file is not read for it
        String given = dev.freshet.engine.tracking.Sha256.of("the bytes the writer hashed".getBytes());

        assertThat(engine.tracking()
                        .logArtifact(run.runId(), "a", "written.bin", written, given)
                        .sha256())
                .isEqualTo(given);
        assertThat(engine.tracking()
                        .logArtifact(run.runId(), "a", "read.bin", read, null)
                        .sha256())
                .isEqualTo(dev.freshet.engine.tracking.Sha256.of(read));
        assertThat(engine.tracking().artifact(run.runId(), "written.bin").sha256())
                .isEqualTo(given);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> engine.tracking().logArtifact(run.runId(), "a", "bad.bin", written, given.toUpperCase()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a sha256");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        engine.tracking().logArtifact(run.runId(), "a", "gone.bin", dir.resolve("gone.bin"), given))
                .isInstanceOf(dev.freshet.engine.error.FreshetException.class)
                .hasMessageContaining("does not exist");
        assertThat(engine.tracking().artifacts(run.runId()))
                .extracting(dev.freshet.engine.tracking.Artifact::path)
                .containsExactlyInAnyOrder("written.bin", "read.bin");
    }

    @Test
    void aRunAppearsInItsWorkflowsExperiment() throws Exception {
        Run run = runToEnd("chain", Map.of());

        assertThat(engine.tracking().experiment(run.experimentId()).name()).isEqualTo("chain");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> engine
                        .runs()
                        .runs(new dev.freshet.engine.run.RunQuery(null, null, run.experimentId(), 100, 0))
                        .runs()
                        .stream()
                        .anyMatch(r -> r.runId().equals(run.runId())));
    }

    @Test
    void clearingAFailedTaskRunsItAndItsDownstreamAgainWithNewTryNumbers() throws Exception {
        Run failed = runToEnd("broken-chain", Map.of());
        Files.writeString(
                workflows.resolve("broken-chain.yaml"),
                Files.readString(workflows.resolve("broken-chain.yaml")).replace("echo bad >&2; exit 3", "echo fixed"));
        engine.reloadWorkflows();
        try {
            engine.runs().clear(failed.runId(), List.of("fails"), true);
            Run rerun = engine.runs().awaitRun(failed.runId(), Duration.ofSeconds(60));

            assertThat(rerun.state()).isEqualTo(RunState.SUCCESS);
            assertThat(rerun.workflowHash())
                    .as("a clear takes the fixed version, which has the run's tasks, and pins the run to it")
                    .isEqualTo(engine.workflow("broken-chain").orElseThrow().sourceHash())
                    .isNotEqualTo(failed.workflowHash());
            assertThat(task(rerun, "fails").tryNumber()).isEqualTo(2);
            assertThat(task(rerun, "after").state()).isEqualTo(TaskState.SUCCESS);
            assertThat(task(rerun, "after").tryNumber()).isEqualTo(1);
            assertThat(task(rerun, "cleanup").tryNumber()).isEqualTo(2);
            assertThat(engine.runs().tries(rerun.runId(), "fails"))
                    .extracting(TaskTry::state)
                    .containsExactly(TaskState.FAILED, TaskState.SUCCESS);
        } finally {
            Files.writeString(
                    workflows.resolve("broken-chain.yaml"),
                    Files.readString(workflows.resolve("broken-chain.yaml"))
                            .replace("echo fixed", "echo bad >&2; exit 3"));
            engine.reloadWorkflows();
        }
    }

    @Test
    void aClearPreviewNamesWhatWouldBeClearedAndChangesNothing() throws Exception {
        Run failed = runToEnd("broken-chain", Map.of());
        List<TaskRun> before = engine.runs().taskRuns(failed.runId());

        List<TaskRun> preview = engine.runs().clearPreview(failed.runId(), List.of("fails"), true);

        assertThat(preview).extracting(TaskRun::taskId).containsExactly("fails", "after", "cleanup");
        assertThat(engine.runs().taskRuns(failed.runId())).isEqualTo(before);
        assertThat(engine.runs().run(failed.runId()).state()).isEqualTo(RunState.FAILED);
        assertThat(engine.runs().tries(failed.runId(), "fails")).hasSize(1);
    }

    @Test
    void runsAreFilteredByStatesAndDateRangesAndOrderedByTheStoresQuery() throws Exception {
        java.time.Instant jan = java.time.Instant.parse("2011-01-01T00:00:00Z");
        java.time.Instant feb = java.time.Instant.parse("2011-02-01T00:00:00Z");
        java.time.Instant mar = java.time.Instant.parse("2011-03-01T00:00:00Z");
        for (java.time.Instant date : List.of(jan, mar, feb)) {
            Run run = engine.runs()
                    .trigger(TriggerRequest.manual("chain", Map.of(), "test")
                            .withLogicalDate(date)
                            .withRunId("filter-" + date.toString().substring(0, 7))
                            .withNote("note " + date));
            engine.runs().awaitRun(run.runId(), Duration.ofSeconds(60));
        }
        RunFilter.Range janToFeb = new RunFilter.Range(jan.plusSeconds(1), feb);
        RunFilter.Range all2011 = new RunFilter.Range(jan, mar);

        assertThat(ids(new RunFilter(
                        Set.of(), janToFeb, RunFilter.Range.ANY, RunFilter.Range.ANY, RunFilter.Order.NEWEST_FIRST)))
                .containsExactly("filter-2011-02");
        assertThat(ids(new RunFilter(
                        Set.of(),
                        all2011,
                        RunFilter.Range.ANY,
                        RunFilter.Range.ANY,
                        new RunFilter.Order(RunFilter.Field.LOGICAL_DATE, false))))
                .containsExactly("filter-2011-01", "filter-2011-02", "filter-2011-03");
        assertThat(ids(new RunFilter(
                        Set.of(RunState.FAILED, RunState.QUEUED),
                        all2011,
                        RunFilter.Range.ANY,
                        RunFilter.Range.ANY,
                        RunFilter.Order.NEWEST_FIRST)))
                .isEmpty();
        assertThat(ids(new RunFilter(
                        Set.of(RunState.SUCCESS),
                        all2011,
                        RunFilter.Range.ANY,
                        new RunFilter.Range(null, java.time.Instant.parse("2000-01-01T00:00:00Z")),
                        RunFilter.Order.NEWEST_FIRST)))
                .isEmpty();
        RunSlice page = engine.runs()
                .runs(new RunQuery(
                        "chain",
                        null,
                        null,
                        1,
                        1,
                        new RunFilter(
                                Set.of(),
                                all2011,
                                RunFilter.Range.ANY,
                                RunFilter.Range.ANY,
                                new RunFilter.Order(RunFilter.Field.RUN_ID, true))));
        assertThat(page.totalEntries()).isEqualTo(3);
        assertThat(page.runs()).extracting(Run::runId).containsExactly("filter-2011-02");
        assertThat(page.runs().get(0).note()).isEqualTo("note " + feb);
    }

    private static List<String> ids(RunFilter filter) {
        return engine.runs().runs(new RunQuery("chain", null, null, 100, 0, filter)).runs().stream()
                .map(Run::runId)
                .toList();
    }

    @Test
    void markingAFailedTaskSuccessLetsNothingRerunButRecordsIt() throws Exception {
        Run failed = runToEnd("broken-chain", Map.of());

        TaskRun marked = engine.runs().mark(failed.runId(), "fails", TaskState.SUCCESS);

        assertThat(marked.state()).isEqualTo(TaskState.SUCCESS);
        assertThat(task(failed, "fails").state()).isEqualTo(TaskState.SUCCESS);
        assertThat(task(failed, "after").state()).isEqualTo(TaskState.UPSTREAM_FAILED);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> engine.runs().mark(failed.runId(), "fails", TaskState.RUNNING))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void cancellingARunFailsItsRunningTryAndSkipsTheRest() throws Exception {
        Run run = engine.runs().trigger(TriggerRequest.manual("slow-chain", Map.of(), "test"));
        await().atMost(Duration.ofSeconds(30)).until(() -> task(run, "wait").state() == TaskState.RUNNING);

        engine.runs().cancel(run.runId());

        Run done = engine.runs().run(run.runId());
        assertThat(done.state()).isEqualTo(RunState.FAILED);
        assertThat(task(run, "wait").state()).isEqualTo(TaskState.FAILED);
        assertThat(task(run, "wait").error()).isEqualTo("cancelled");
        assertThat(task(run, "next").state()).isEqualTo(TaskState.SKIPPED);
    }

    @Test
    void aRunCancelledFromAnotherProcessInterruptsTheTryRunningHere() throws Exception {
        Run run = engine.runs().trigger(TriggerRequest.manual("slow-chain", Map.of(), "test"));
        await().atMost(Duration.ofSeconds(30)).until(() -> task(run, "wait").state() == TaskState.RUNNING);

        try (Engine other = Engine.open(engine.config().withSchedulerName("another-process"))) {
            other.runs().cancel(run.runId());
        }

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(Files.readString(engine.logFile(run.runId(), "wait", 1)))
                        .contains("failed: cancelled"));
        assertThat(engine.runs().run(run.runId()).state()).isEqualTo(RunState.FAILED);
    }

    @Test
    void badInputFailsAtOnceWithoutRetries() throws Exception {
        Run run = runToEnd("misconfigured", Map.of());

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(task(run, "no-command").tryNumber()).isEqualTo(1);
        assertThat(task(run, "no-command").error()).isEqualTo("task 'no-command': with.command: is required");
    }

    @Test
    void maxActiveTasksHoldsAcrossTheWorkflowsRuns() throws Exception {
        Run first = engine.runs().trigger(TriggerRequest.manual("narrow", Map.of(), "test"));
        Run second = engine.runs().trigger(TriggerRequest.manual("narrow", Map.of(), "test"));

        assertThat(engine.runs().awaitRun(first.runId(), Duration.ofSeconds(60)).state())
                .isEqualTo(RunState.SUCCESS);
        assertThat(engine.runs()
                        .awaitRun(second.runId(), Duration.ofSeconds(60))
                        .state())
                .isEqualTo(RunState.SUCCESS);
        List<TaskRun> all = new java.util.ArrayList<>(engine.runs().taskRuns(first.runId()));
        all.addAll(engine.runs().taskRuns(second.runId()));
        assertThat(maxOverlap(all)).isEqualTo(2);
    }

    /** The most tasks whose [start, end] intervals overlap at one instant. */
    private static int maxOverlap(List<TaskRun> tasks) {
        int max = 0;
        for (TaskRun t : tasks) {
            java.time.Instant at = t.startDate();
            int overlapping = (int) tasks.stream()
                    .filter(o -> !o.startDate().isAfter(at) && o.endDate().isAfter(at))
                    .count();
            max = Math.max(max, overlapping);
        }
        return max;
    }

    @Test
    void outputsTooLargeToKeepFailTheTryOnceAndTheRunEnds() throws Exception {
        Run run = runToEnd("oversized-outputs", Map.of());

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        TaskRun big = task(run, "big");
        assertThat(big.state()).isEqualTo(TaskState.FAILED);
        assertThat(big.tryNumber()).as("a retry would fail the same way").isEqualTo(1);
        assertThat(big.error())
                .isEqualTo("the task's outputs take 150012 characters as JSON, more than the 100000 a task's "
                        + "outputs may take; write large values to a file and return its path");
        assertThat(task(run, "after").state()).isEqualTo(TaskState.UPSTREAM_FAILED);
    }

    @Test
    void anEventTooLargeToKeepIsLeftOutAndSaidInTheLogWhileTheTrySucceeds() throws Exception {
        Run run = runToEnd("oversized-event", Map.of());

        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
        assertThat(task(run, "loud").outputs()).containsEntry("names", "n".repeat(10));
        String log = engine.tryLog(run.runId(), "loud", 1)
                .map(l -> new String(l.read(0, (int) l.size()), java.nio.charset.StandardCharsets.UTF_8))
                .orElse("");
        assertThat(log)
                .contains("event gate.failed not kept: its payload takes 150031 characters as JSON, more than the "
                        + "100000 an event may take")
                .doesNotContain("event drift.warning not kept");
    }

    private static Run runToEnd(String workflowId, Map<String, Object> conf) throws InterruptedException {
        Run run = engine.runs().trigger(TriggerRequest.manual(workflowId, conf, "test"));
        return engine.runs().awaitRun(run.runId(), Duration.ofSeconds(60));
    }

    private static TaskRun task(Run run, String taskId) {
        return engine.runs().taskRuns(run.runId()).stream()
                .filter(t -> t.taskId().equals(taskId))
                .findFirst()
                .orElseThrow();
    }

    private static void write(String name, String yaml) throws IOException {
        Files.writeString(workflows.resolve(name), yaml);
    }
}
