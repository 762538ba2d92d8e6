package dev.freshet.engine;

import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunQuery;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.TaskRun;
import dev.freshet.engine.run.TaskState;
import dev.freshet.engine.run.TaskTry;
import dev.freshet.engine.store.Database;
import dev.freshet.engine.testdb.TestDatabase;
import dev.freshet.engine.testdb.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kill -9 of a real engine process at several points of a run; a new engine on the same home finishes the run.
 * Every task ends in success, tries of one task never overlap, and what was committed before the kill stays. On H2
 * here, on PostgreSQL in {@link CrashRecoveryOnPostgresTest}.
 */
@ExtendWith(TestDatabases.class)
class CrashRecoveryTest {
    private static final String CHAIN = """
            id: crashy
            defaults: {retries: 2, retry_delay: 0s}
            tasks:
            """ + chain(30);

    static TestDatabase database;

    @BeforeAll
    static void database(TestDatabase testDatabase) {
        database = testDatabase;
    }

    @Test
    void aTaskRunningWhenTheProcessDiesIsRetriedAndTheRunFinishes(@TempDir Path home, @TempDir Path workflows)
            throws Exception {
        Path marker = home.resolve("first-try-started");
        Files.writeString(workflows.resolve("crashy.yaml"), """
                id: crashy
                defaults: {retries: 1, retry_delay: 0s}
                tasks:
                  - {id: before, type: noop}
                  - id: slow
                    type: shell
                    needs: [before]
                    with:
                      command: "if [ -f '%1$s' ]; then echo second try; exit 0; fi; touch '%1$s'; sleep 60"
                  - {id: after, type: noop, needs: [slow]}
                """.formatted(marker));

        killWhen(home, workflows, () -> Files.exists(marker));

        Run run = finishAfterRestart(home, workflows, (engine, done) -> {
            TaskRun slow = task(engine, done, "slow");
            assertThat(slow.tryNumber()).isEqualTo(2);
            List<TaskTry> tries = engine.runs().tries(done.runId(), "slow");
            assertThat(tries).extracting(TaskTry::state).containsExactly(TaskState.FAILED, TaskState.SUCCESS);
            assertThat(tries.get(0).error()).contains("died");
            assertThat(engine.runs().tries(done.runId(), "before")).hasSize(1);
            assertThat(Files.readString(engine.logFile(done.runId(), "slow", 2)))
                    .contains("second try");
        });
        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
    }

    @Test
    void theProcessesOfATryWhoseJvmDiedAreGoneBeforeItsRetryStarts(@TempDir Path home, @TempDir Path workflows)
            throws Exception {
        Path pids = home.resolve("first-try-pids");
        // Try 1 records its shell's pid and its background sleep's, then waits; try 2 fails if either still runs.
        Files.writeString(workflows.resolve("crashy.yaml"), """
                id: crashy
                defaults: {retries: 1, retry_delay: 0s}
                tasks:
                  - id: slow
                    type: shell
                    with:
                      command: >-
                        if [ -f '%1$s' ]; then
                        for p in $(cat '%1$s'); do
                        if [ -r /proc/$p/stat ] && ! grep -q ') Z' /proc/$p/stat; then echo "try 1's $p runs"; exit 1; fi;
                        done; echo "try 1's processes are gone"; exit 0; fi;
                        sleep 60 & echo $$ $! > '%1$s.new'; mv '%1$s.new' '%1$s'; wait
                """.formatted(pids));

        killWhen(home, workflows, () -> Files.exists(pids));
        List<Long> firstTry = java.util.Arrays.stream(
                        Files.readString(pids).trim().split(" "))
                .map(Long::parseLong)
                .toList();
        assertThat(firstTry)
                .as("try 1's processes outlive the JVM that started them")
                .allMatch(CrashRecoveryTest::runs);

        Run run = finishAfterRestart(home, workflows, (engine, done) -> {
            assertThat(engine.runs().tries(done.runId(), "slow"))
                    .extracting(TaskTry::state)
                    .containsExactly(TaskState.FAILED, TaskState.SUCCESS);
            assertThat(Files.readString(engine.logFile(done.runId(), "slow", 2)))
                    .contains("try 1's processes are gone");
        });
        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
        assertThat(firstTry).noneMatch(CrashRecoveryTest::runs);
    }

    /** True if the process runs: it exists and is not a zombie (this container's init may never reap one). */
    private static boolean runs(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void killedJustAfterTheTrigger(@TempDir Path home, @TempDir Path workflows) throws Exception {
        Files.writeString(workflows.resolve("crashy.yaml"), CHAIN);

        killWhen(home, workflows, () -> count(home, "SELECT COUNT(*) FROM runs") > 0);

        assertThat(finishAfterRestart(home, workflows, CrashRecoveryTest::noTryOverlaps)
                        .state())
                .isEqualTo(RunState.SUCCESS);
    }

    @Test
    void killedMidwayThroughAChainOfTasks(@TempDir Path home, @TempDir Path workflows) throws Exception {
        Files.writeString(workflows.resolve("crashy.yaml"), CHAIN);

        killWhen(home, workflows, () -> count(home, "SELECT COUNT(*) FROM task_runs WHERE state = 'success'") >= 12);
        // H2 shows a commit to other sessions a moment before it is on disk (the committer waits for the disk), so
        // the file may hold a task or two fewer than the poll saw; what the file holds is what was committed.
        List<String> committed = strings(home, "SELECT task_id FROM task_runs WHERE state = 'success'");
        assertThat(committed).as("the kill came midway").hasSizeBetween(8, 29);

        Run run = finishAfterRestart(home, workflows, (engine, done) -> {
            noTryOverlaps(engine, done);
            for (String taskId : committed) {
                assertThat(engine.runs().tries(done.runId(), taskId))
                        .as("tries of %s, done before the kill", taskId)
                        .extracting(TaskTry::state)
                        .containsExactly(TaskState.SUCCESS);
            }
        });
        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
    }

    @Test
    void killedWhileARetryWaits(@TempDir Path home, @TempDir Path workflows) throws Exception {
        Path marker = home.resolve("failed-once");
        Files.writeString(workflows.resolve("crashy.yaml"), """
                id: crashy
                tasks:
                  - id: flaky
                    type: shell
                    retries: 1
                    retry_delay: 3s
                    with:
                      command: "if [ -f '%1$s' ]; then exit 0; fi; touch '%1$s'; exit 1"
                  - {id: after, type: noop, needs: [flaky]}
                """.formatted(marker));

        killWhen(home, workflows, () -> count(home, "SELECT COUNT(*) FROM task_runs WHERE state = 'up_for_retry'") > 0);

        Run run = finishAfterRestart(home, workflows, (engine, done) -> {
            assertThat(engine.runs().tries(done.runId(), "flaky"))
                    .extracting(TaskTry::state)
                    .containsExactly(TaskState.FAILED, TaskState.SUCCESS);
            noTryOverlaps(engine, done);
        });
        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
    }

    private interface RunCheck {
        void check(Engine engine, Run run) throws Exception;
    }

    private static Run finishAfterRestart(Path home, Path workflows, RunCheck check) throws Exception {
        try (Engine engine =
                Engine.start(database.configure(EngineConfig.defaults(home)).withWorkflowsDir(workflows))) {
            List<Run> runs = engine.runs()
                    .runs(new RunQuery("crashy", null, null, 10, 0))
                    .runs();
            assertThat(runs).hasSize(1);
            Run done = engine.runs().awaitRun(runs.get(0).runId(), Duration.ofSeconds(90));
            assertThat(engine.runs().taskRuns(done.runId())).allMatch(t -> t.state() == TaskState.SUCCESS);
            check.check(engine, done);
            return done;
        }
    }

    private static void noTryOverlaps(Engine engine, Run run) {
        for (TaskRun task : engine.runs().taskRuns(run.runId())) {
            List<TaskTry> tries = engine.runs().tries(run.runId(), task.taskId());
            assertThat(tries).as("tries of %s", task.taskId()).isNotEmpty();
            for (int i = 1; i < tries.size(); i++) {
                assertThat(tries.get(i).startDate())
                        .as("try %d of %s starts after try %d ended", i + 1, task.taskId(), i)
                        .isAfterOrEqualTo(tries.get(i - 1).endDate());
            }
            assertThat(tries.get(tries.size() - 1).state()).isEqualTo(TaskState.SUCCESS);
        }
    }

    private static TaskRun task(Engine engine, Run run, String taskId) {
        return engine.runs().taskRuns(run.runId()).stream()
                .filter(t -> t.taskId().equals(taskId))
                .findFirst()
                .orElseThrow();
    }

    /** Starts an engine in a child JVM that triggers the workflow, and kills it (SIGKILL) once {@code when} holds. */
    private static void killWhen(Path home, Path workflows, Callable<Boolean> when) throws Exception {
        Process child = startChild(home, workflows);
        try {
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(20))
                    .ignoreExceptions()
                    .until(() -> !child.isAlive() || when.call());
            assertThat(child.isAlive())
                    .as("the child engine is still up; its log: %s", Files.readString(home.resolve("child.log")))
                    .isTrue();
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
    }

    /**
     * Reads the child's database while it runs (H2's automatic mixed mode lets a second process connect); never
     * creates an H2 file, so the child is always the process that owns it.
     */
    private static int count(Path home, String sql) throws SQLException {
        try (Connection connection = connect(home);
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static List<String> strings(Path home, String sql) throws SQLException {
        try (Connection connection = connect(home);
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rs = statement.executeQuery()) {
            List<String> values = new java.util.ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    private static Connection connect(Path home) throws SQLException {
        return DriverManager.getConnection(
                database.isPostgres() ? database.url(home) : Database.embeddedUrl(home) + ";IFEXISTS=TRUE");
    }

    private static Process startChild(Path home, Path workflows) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashingEngineMain.class.getName(),
                        home.toString(),
                        workflows.toString(),
                        "crashy",
                        database.url(home))
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("child.log").toFile())
                .start();
    }

    private static String chain(int length) {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < length; i++) {
            yaml.append("  - {id: t")
                    .append(i)
                    .append(", type: noop")
                    .append(i == 0 ? "" : ", needs: [t" + (i - 1) + "]")
                    .append("}\n");
        }
        return yaml.toString();
    }
}
