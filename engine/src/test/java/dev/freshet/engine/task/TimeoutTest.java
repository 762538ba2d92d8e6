package dev.freshet.engine.task;

import dev.freshet.engine.Engine;
import dev.freshet.engine.EngineConfig;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.TaskRun;
import dev.freshet.engine.run.TriggerRequest;
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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A task's timeout: a shell command's whole process tree is killed; a task that ignores interruption is abandoned. On
 * H2 here, on PostgreSQL in {@link TimeoutOnPostgresTest}.
 */
@ExtendWith(TestDatabases.class)
class TimeoutTest {
    @TempDir
    static Path home;

    @TempDir
    static Path workflows;

    static Engine engine;

    @BeforeAll
    static void start(TestDatabase database) throws IOException {
        Files.writeString(workflows.resolve("shell-timeout.yaml"), """
                id: shell-timeout
                tasks:
                  - id: slow
                    type: shell
                    timeout: 1s
                    with: {command: "sleep 60 & echo $! > grandchild.pid; wait", cwd: "%s"}
                """.formatted(home));
        Files.writeString(workflows.resolve("leaves-background.yaml"), """
                id: leaves-background
                tasks:
                  - id: quick
                    type: shell
                    with: {command: "(sleep 60 > /dev/null 2>&1 & echo $! > orphan.pid)", cwd: "%s"}
                """.formatted(home));
        Files.writeString(workflows.resolve("orphan-timeout.yaml"), """
                id: orphan-timeout
                tasks:
                  - id: slow
                    type: shell
                    timeout: 1s
                    with: {command: "(sleep 60 > /dev/null 2>&1 & echo $! > timed-out-orphan.pid); sleep 60", cwd: "%s"}
                """.formatted(home));
        Files.writeString(workflows.resolve("stubborn.yaml"), """
                id: stubborn
                tasks:
                  - {id: ignores, type: test.stubborn, timeout: 500ms}
                  - {id: cleanup, type: noop, needs: [ignores], trigger_rule: all_done}
                """);
        engine = Engine.start(database.configure(EngineConfig.defaults(home)).withWorkflowsDir(workflows));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void aTimedOutShellTaskFailsAndItsProcessTreeIsKilled() throws Exception {
        Run run = engine.runs()
                .awaitRun(
                        engine.runs()
                                .trigger(TriggerRequest.manual("shell-timeout", Map.of(), "test"))
                                .runId(),
                        Duration.ofSeconds(30));

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(task(run, "slow").error()).isEqualTo("timed out after PT1S");
        long grandchild =
                Long.parseLong(Files.readString(home.resolve("grandchild.pid")).trim());
        await().atMost(Duration.ofSeconds(5))
                .until(() -> ProcessHandle.of(grandchild).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void aProcessACommandLeftBehindDoesNotOutliveItsTry() throws Exception {
        Run run = engine.runs()
                .awaitRun(
                        engine.runs()
                                .trigger(TriggerRequest.manual("leaves-background", Map.of(), "test"))
                                .runId(),
                        Duration.ofSeconds(30));

        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
        long orphan =
                Long.parseLong(Files.readString(home.resolve("orphan.pid")).trim());
        assertThat(runs(orphan))
                .as("the background job left its parent, but not the try's session")
                .isFalse();
    }

    @Test
    void aTimedOutCommandsOrphanIsKilledBeforeTheTryFails() throws Exception {
        Run run = engine.runs()
                .awaitRun(
                        engine.runs()
                                .trigger(TriggerRequest.manual("orphan-timeout", Map.of(), "test"))
                                .runId(),
                        Duration.ofSeconds(30));

        assertThat(task(run, "slow").error()).isEqualTo("timed out after PT1S");
        long orphan = Long.parseLong(
                Files.readString(home.resolve("timed-out-orphan.pid")).trim());
        assertThat(runs(orphan))
                .as("no longer a descendant of the command, still in its session")
                .isFalse();
    }

    /** Whether {@code pid} runs: a zombie (killed, waiting for a parent that never reaps it) does not. */
    private static boolean runs(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String text = Files.readString(stat);
        char state = text.charAt(text.lastIndexOf(')') + 2);
        return state != 'Z' && state != 'X';
    }

    @Test
    void aTaskThatIgnoresInterruptionIsAbandonedAtItsTimeout() throws Exception {
        long started = System.nanoTime();
        Run run = engine.runs()
                .awaitRun(
                        engine.runs()
                                .trigger(TriggerRequest.manual("stubborn", Map.of(), "test"))
                                .runId(),
                        Duration.ofSeconds(30));

        assertThat(task(run, "ignores").state().wireName()).isEqualTo("failed");
        assertThat(task(run, "ignores").error()).isEqualTo("timed out after PT0.5S");
        assertThat(run.state()).as("its leaf, an all_done cleanup, succeeded").isEqualTo(RunState.SUCCESS);
        assertThat(task(run, "cleanup").state().wireName()).isEqualTo("success");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    private static TaskRun task(Run run, String taskId) {
        return engine.runs().taskRuns(run.runId()).stream()
                .filter(t -> t.taskId().equals(taskId))
                .findFirst()
                .orElseThrow();
    }
}
