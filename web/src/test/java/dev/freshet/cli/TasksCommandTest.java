package dev.freshet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.freshet.cli.CommandOutput.freshet;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code freshet tasks clear|mark} on runs that {@code freshet run} left failed, and {@code freshet runs list
 * --workflow}: the commands read the workflows folder, as a run's tasks are only known from its workflow.
 */
@ExtendWith(CliDatabase.class)
class TasksCommandTest {
    @TempDir
    static Path home;

    static Path workflows;

    @BeforeAll
    static void writeWorkflow() throws Exception {
        workflows = Files.createDirectories(home.resolve("workflows"));
        Files.writeString(workflows.resolve("flaky.yaml"), """
                id: flaky
                tasks:
                  - {id: check, type: shell, with: {command: "exit 3"}}
                  - {id: after, type: noop, needs: [check]}
                """);
    }

    @Test
    void clearPutsATaskAndItsDownstreamBackAndTheRunStartsAgain() throws Exception {
        String runId = failedRun();

        CommandOutput cleared = freshet(
                "tasks", "clear", runId, "check", "--workflows", workflows.toString(), "--home", home.toString());

        assertThat(cleared.exitCode()).as(cleared.err()).isZero();
        assertThat(cleared.out()).isEqualTo("Cleared 2 task(s): check, after" + System.lineSeparator());
        // its first task is handed to the queue for a server to run
        CommandOutput running =
                freshet("runs", "list", "--workflow", "flaky", "--state", "running", "--home", home.toString());
        assertThat(running.lines()).hasSize(3);
        assertThat(running.lines().get(2)).startsWith(runId).contains(" flaky ", " running ", " manual ");
        CommandOutput tasks = freshet("tasks", "list", runId, "--home", home.toString());
        assertThat(tasks.lines())
                .anySatisfy(line -> assertThat(line).startsWith("check ").contains(" scheduled "));
    }

    @Test
    void clearWithoutTheWorkflowsFolderSaysWhereItLooked() throws Exception {
        String runId = failedRun();
        Path missing = home.resolve("elsewhere");

        CommandOutput cleared =
                freshet("tasks", "clear", runId, "--workflows", missing.toString(), "--home", home.toString());

        assertThat(cleared.exitCode()).isEqualTo(1);
        assertThat(cleared.err()).contains("the workflows folder " + missing + " does not exist", "--workflows DIR");
    }

    @Test
    void markSetsATasksStateByHand() throws Exception {
        String runId = failedRun();

        CommandOutput marked = freshet(
                "tasks",
                "mark",
                runId,
                "check",
                "success",
                "--workflows",
                workflows.toString(),
                "--home",
                home.toString());
        CommandOutput tasks = freshet("tasks", "list", runId, "--home", home.toString());

        assertThat(marked.exitCode()).as(marked.err()).isZero();
        assertThat(marked.out()).isEqualTo("check -> success" + System.lineSeparator());
        assertThat(tasks.lines())
                .anySatisfy(line -> assertThat(line).startsWith("check ").contains(" success "));
    }

    @Test
    void runsListFiltersByWorkflowAndState() throws Exception {
        String runId = failedRun();

        CommandOutput failed = freshet(
                "runs", "list", "--workflow", "flaky", "--state", "failed", "--limit", "1", "--home", home.toString());
        CommandOutput none = freshet("runs", "list", "--workflow", "nothing", "--home", home.toString());
        CommandOutput badState =
                freshet("runs", "list", "--workflow", "flaky", "--state", "done", "--home", home.toString());

        assertThat(failed.lines()).hasSize(3);
        assertThat(failed.lines().get(0)).startsWith("Run ID").contains("Workflow ID", "State", "Logical Date");
        assertThat(failed.lines().get(2)).startsWith(runId).contains(" failed ");
        assertThat(none.lines()).hasSize(2);
        assertThat(badState.exitCode()).isEqualTo(1);
        assertThat(badState.err()).contains("--state: expected one of queued, running, success, failed, got 'done'");
    }

    private static String failedRun() throws Exception {
        CommandOutput run = freshet(
                "run",
                "flaky",
                "--workflows",
                workflows.toString(),
                "--home",
                home.toString(),
                "--output",
                "json",
                "--parallelism",
                "2");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        return new ObjectMapper().readTree(run.out()).get("run_id").asText();
    }
}
