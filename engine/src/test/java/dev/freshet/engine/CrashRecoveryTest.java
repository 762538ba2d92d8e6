package dev.freshet.engine;

import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunQuery;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.TaskRun;
import dev.freshet.engine.run.TaskState;
import dev.freshet.engine.run.TaskTry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kill -9 of a real engine process while a task runs; a new engine on the same home recovers the task (the dead try
 * fails, the next try runs) and the run finishes. Nothing committed before the kill is lost.
 */
class CrashRecoveryTest {

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

        Process child = startChild(home, workflows, "crashy");
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(marker) || !child.isAlive());
            assertThat(child.isAlive()).as("the child engine is still up").isTrue();
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }

        try (Engine engine = Engine.start(EngineConfig.defaults(home).withWorkflowsDir(workflows))) {
            List<Run> runs = engine.runs().runs(new RunQuery("crashy", null, null, 10, 0)).runs();
            assertThat(runs).hasSize(1);
            Run run = engine.runs().awaitRun(runs.get(0).runId(), Duration.ofSeconds(60));

            assertThat(run.state()).isEqualTo(RunState.SUCCESS);
            TaskRun slow = engine.runs().taskRuns(run.runId()).stream()
                    .filter(t -> t.taskId().equals("slow")).findFirst().orElseThrow();
            assertThat(slow.tryNumber()).isEqualTo(2);
            List<TaskTry> tries = engine.runs().tries(run.runId(), "slow");
            assertThat(tries).extracting(TaskTry::state).containsExactly(TaskState.FAILED, TaskState.SUCCESS);
            assertThat(tries.get(0).error()).contains("died");
            assertThat(engine.runs().tries(run.runId(), "before")).hasSize(1);
            assertThat(Files.readString(engine.logFile(run.runId(), "slow", 2))).contains("second try");
        }
    }

    private static Process startChild(Path home, Path workflows, String workflowId) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashingEngineMain.class.getName(), home.toString(), workflows.toString(), workflowId)
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("child.log").toFile())
                .start();
    }
}
