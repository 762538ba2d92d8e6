package dev.freshet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI's output formats that scripts rely on. */
@ExtendWith(CliDatabase.class)
class CliTest {
    @TempDir
    Path home;

    /** The exit code, stdout and stderr (the run's progress lines), each kept off the test's own output. */
    record Result(int exitCode, String out, String err) {}

    @Test
    void runWithJsonOutputPrintsOneDocumentAndExitsZeroOnSuccess() throws Exception {
        Path workflow = home.resolve("hello.yaml");
        Files.writeString(workflow, """
                id: hello
                params: {greeting: hi}
                tasks:
                  - {id: say, type: shell, with: {command: "echo {{ params.greeting }}"}}
                  - {id: done, type: noop, needs: [say]}
                """);

        Result result = freshet(
                "run",
                workflow.toString(),
                "-P",
                "greeting=hello",
                "-P",
                "n=3",
                "--output",
                "json",
                "--home",
                home.toString());

        assertThat(result.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("workflow_id").asText()).isEqualTo("hello");
        assertThat(json.get("state").asText()).isEqualTo("success");
        assertThat(json.get("params").get("greeting").asText()).isEqualTo("hello");
        assertThat(json.get("params").get("n").isIntegralNumber()).isTrue();
        assertThat(json.get("tasks").get("say").asText()).isEqualTo("success");
        assertThat(json.get("run_id").asText()).hasSize(32);
        assertThat(json.has("metrics")).isTrue();
        assertThat(json.has("model")).isTrue();
    }

    @Test
    void aFailedRunExitsNonZero() throws Exception {
        Path workflow = home.resolve("fails.yaml");
        Files.writeString(workflow, """
                id: fails
                tasks:
                  - {id: boom, type: shell, with: {command: "exit 7"}}
                """);

        Result result = freshet("run", workflow.toString(), "--output", "json", "--home", home.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(result.out()).get("state").asText())
                .isEqualTo("failed");
        assertThat(result.err()).contains("task boom failed: command exited with code 7", ") failed ===");
    }

    @Test
    void experimentsAndRunsListSpeakLikeMlflow() throws Exception {
        Path workflow = home.resolve("hello.yaml");
        Files.writeString(workflow, "id: hello\ntasks:\n  - {id: a, type: noop}\n");
        freshet("run", workflow.toString(), "--home", home.toString());

        Result created = freshet("experiments", "create", "--experiment-name", "tuning", "--home", home.toString());
        Result runs = freshet("runs", "list", "--experiment-id", "1", "--home", home.toString());

        assertThat(created.out()).matches("Created experiment with ID \\d+\\R");
        assertThat(runs.out().lines().findFirst())
                .hasValueSatisfying(header -> assertThat(header)
                        .startsWith("Run ID")
                        .contains("  Status  ")
                        .endsWith("Start Time"));
        assertThat(runs.out().lines().count()).isEqualTo(3);
    }

    @Test
    void aBrokenWorkflowFileNamesEveryProblemWithItsLine() throws Exception {
        Path workflow = home.resolve("broken.yaml");
        Files.writeString(workflow, """
                id: broken
                tasks:
                  - {id: ingest, type: noop}
                  - {id: train, type: noop, needs: [ingets, evaluate]}
                  - {id: evaluate, type: noop, needs: [train]}
                """);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = FreshetCommand.execute("run", workflow.toString(), "--home", home.toString());
        } finally {
            System.setErr(originalErr);
        }

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains(workflow + ":4:")
                .contains("unknown task 'ingets'")
                .contains("cycle: train -> evaluate -> train");
    }

    private static Result freshet(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = FreshetCommand.execute(CliDatabase.withDatabase(args));
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }
}
