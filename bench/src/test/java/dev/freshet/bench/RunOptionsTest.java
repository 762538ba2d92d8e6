package dev.freshet.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The pipeline bench times `freshet run` with the JVM options scripts/freshet gives it, not its own. */
class RunOptionsTest {

    /** The repository's root: the tests run in the bench module's folder. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void theBenchTimesRunsWithTheOptionsTheLauncherGivesThem() throws Exception {
        List<String> launcher = runOptionsOfTheLauncher();

        assertThat(launcher)
                .isNotEmpty()
                .allSatisfy(option -> assertThat(option).startsWith("-"));
        assertThat(Files.readString(ROOT.resolve("scripts/freshet")))
                .contains("run|backfill) command_opts=(\"${run_opts[@]}\")");
        assertThat(Files.readString(ROOT.resolve("scripts/bench")))
                .contains("\"-D" + PipelineBenchmark.RUN_OPTIONS_PROPERTY + "=${run_opts[*]}\"");
        assertThat(PipelineBenchmark.runOptions(String.join(" ", launcher))).isEqualTo(launcher);
    }

    @Test
    void theJvmsWarningsAboutTheOptionsGoToStderrNotToTheRunsOutput() throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(runOptionsOfTheLauncher());
        // a collector other than G1, with a heap smaller than the young generation's bound: the JVM warns
        command.addAll(List.of("-XX:+UseSerialGC", "-Xmx100m", "-version"));
        Path err = Files.createTempFile("run-options", ".err");
        try {
            Process java =
                    new ProcessBuilder(command).redirectError(err.toFile()).start();
            String out = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(java.waitFor(30, TimeUnit.SECONDS)).isTrue();

            assertThat(java.exitValue()).isZero();
            assertThat(out).isEmpty();
            assertThat(Files.readString(err)).contains("MaxNewSize").contains("version");
        } finally {
            Files.deleteIfExists(err);
        }
    }

    @Test
    void noPropertyMeansNoOptions() {
        assertThat(PipelineBenchmark.runOptions(null)).isEmpty();
        assertThat(PipelineBenchmark.runOptions("  ")).isEmpty();
        assertThat(PipelineBenchmark.runOptions(" -Xa  -Xb ")).containsExactly("-Xa", "-Xb");
    }

    /** scripts/lib/jar.sh's {@code run_opts}, as bash reads them. */
    private static List<String> runOptionsOfTheLauncher() throws IOException, InterruptedException {
        Process bash = new ProcessBuilder(
                        "bash",
                        "-c",
                        "root=\"$1\"; source \"$1/scripts/lib/jar.sh\"; printf '%s\\n' \"${run_opts[@]}\"",
                        "bash",
                        ROOT.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(out).isZero();
        return out.lines().toList();
    }
}
