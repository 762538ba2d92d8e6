package dev.freshet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code freshet run} in a JVM of its own, its run cancelled by {@code freshet runs cancel} from another process on
 * the same database: the run process ends promptly, failed, with its JSON.
 */
@ExtendWith(CliDatabase.class)
class RunCancelledElsewhereTest {
    private static final Pattern STARTED = Pattern.compile("=== Run \\(ID=(\\w+)\\) started ===");

    @TempDir
    Path home;

    @Test
    void aRunCancelledByAnotherProcessEndsItsRunProcessWithTheFailedRunsJson() throws Exception {
        Path workflow = Files.writeString(home.resolve("sleepy.yaml"), """
                id: sleepy
                tasks:
                  - {id: nap, type: sleep, with: {seconds: 30}}
                """);
        Path out = home.resolve("run.out");
        Path err = home.resolve("run.err");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.freshet.cli.FreshetCommand",
                "run",
                workflow.toString(),
                "--output",
                "json",
                "--timeout",
                "PT5M",
                "--home",
                home.resolve("state").toString()));
        command.addAll(CliDatabase.args(home.resolve("state")));
        Process run = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        try {
            String runId = await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> {
                                assertThat(run.isAlive())
                                        .as("the run process is alive")
                                        .isTrue();
                                Matcher started = STARTED.matcher(Files.readString(err));
                                return started.find() ? started.group(1) : null;
                            },
                            id -> id != null);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> freshet("tasks", "list", runId)
                            .out()
                            .lines()
                            .anyMatch(line -> line.startsWith("nap ") && line.contains(" running ")));

            CommandOutput cancel = freshet("runs", "cancel", runId);

            assertThat(cancel.out()).as(cancel.err()).isEqualTo(runId + " -> failed" + System.lineSeparator());
            assertThat(run.waitFor(20, TimeUnit.SECONDS))
                    .as("the run process ended within 20 s of the cancel; " + "stderr: " + Files.readString(err))
                    .isTrue();
            assertThat(run.exitValue()).isEqualTo(1);
            String stdout = Files.readString(out);
            assertThat(stdout)
                    .as("stdout is the run's JSON alone; stderr: " + Files.readString(err))
                    .startsWith("{");
            JsonNode json = new ObjectMapper().readTree(stdout);
            assertThat(json.get("run_id").asText()).isEqualTo(runId);
            assertThat(json.get("state").asText()).isEqualTo("failed");
            assertThat(json.get("tasks").get("nap").asText()).isEqualTo("failed");
            assertThat(Files.readString(err)).contains("task nap failed: cancelled");
        } finally {
            run.destroyForcibly();
            run.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private CommandOutput freshet(String... args) {
        String[] withHome = java.util.Arrays.copyOf(args, args.length + 2);
        withHome[args.length] = "--home";
        withHome[args.length + 1] = home.resolve("state").toString();
        return CommandOutput.freshet(withHome);
    }
}
