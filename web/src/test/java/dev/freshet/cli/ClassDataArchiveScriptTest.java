package dev.freshet.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The class-data archive of {@code scripts/lib/jar.sh}, with a stand-in {@code java} that records its calls: the CLI
 * maps the archive only when it is there and not older than the jar, makes it when it is missing or stale, and goes
 * on without it — printing nothing, failing nothing — when it cannot be made.
 */
class ClassDataArchiveScriptTest {
    private static final Path JAR_SH = Path.of("../scripts/lib/jar.sh");

    @TempDir
    Path root;

    Path jar;
    Path archive;
    Path calls;
    Path warmUpEnvironment;

    @BeforeEach
    void fakeProject() throws IOException {
        Files.createDirectories(root.resolve("scripts/lib"));
        Files.copy(JAR_SH, root.resolve("scripts/lib/jar.sh"));
        jar = Files.writeString(
                Files.createDirectories(root.resolve("web/target")).resolve("freshet.jar"), "jar");
        archive = root.resolve("web/target/freshet.jsa");
        calls = root.resolve("java-calls.txt");
        warmUpEnvironment = root.resolve("warm-up-env.txt");
        Path java = Files.createDirectories(root.resolve("bin")).resolve("java");
        Files.writeString(java, """
                #!/usr/bin/env bash
                echo "$*" >> "%s"
                [[ -f "%s" ]] && exit 1
                for arg in "$@"; do
                  if [[ "$arg" == -XX:ArchiveClassesAtExit=* ]]; then
                    env > "%s"
                    echo archive > "${arg#*=}"
                  fi
                done
                exit 0
                """.formatted(calls, root.resolve("java-fails"), root.resolve("warm-up-env.txt")));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void aMissingArchiveIsMadeFromAWarmUpRunAndThenMapped() throws Exception {
        Result result = cdsOptions("ok", "on");

        assertThat(result.exit()).isZero();
        assertThat(archive).hasContent("archive");
        assertThat(result.options())
                .containsExactly("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        assertThat(Files.readString(calls)).contains("-XX:ArchiveClassesAtExit=", "-jar " + jar + " run ");

        Files.delete(calls);
        assertThat(cdsOptions("ok", "on").options()).hasSize(3);
        assertThat(calls).as("a current archive is not made again").doesNotExist();
    }

    @Test
    void anArchiveThatCannotBeMadeLeavesTheCommandWithoutOneAndSaysNothingWrong() throws Exception {
        Result result = cdsOptions("fail", "on");

        assertThat(result.exit()).isZero();
        assertThat(result.options()).isEmpty();
        assertThat(archive).doesNotExist();
        assertThat(result.stderr()).doesNotContainIgnoringCase("warning").doesNotContainIgnoringCase("error");
    }

    @Test
    void anArchiveOlderThanTheJarIsNeverMappedAndIsMadeAgain() throws Exception {
        Files.writeString(archive, "stale");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(60)));

        assertThat(cdsOptions("fail", "on").options())
                .as("a stale archive that cannot be remade")
                .isEmpty();
        assertThat(archive).hasContent("stale");

        aBuildAfterTheFailedMaking();
        Result remade = cdsOptions("ok", "on");
        assertThat(remade.options()).hasSize(3);
        assertThat(archive).hasContent("archive");
    }

    @Test
    void aMakingThatFailedIsNotTriedAgainUntilTheNextBuild() throws Exception {
        assertThat(cdsOptions("fail", "on").options()).isEmpty();
        assertThat(Files.readString(calls)).contains("-XX:ArchiveClassesAtExit=");

        Files.delete(calls);
        assertThat(cdsOptions("ok", "on").options()).isEmpty();
        assertThat(calls).as("no second warm-up for the same jar").doesNotExist();

        aBuildAfterTheFailedMaking();
        assertThat(cdsOptions("ok", "on").options()).hasSize(3);
        assertThat(archive).hasContent("archive");
    }

    @Test
    void anArchiveMadeByAnotherJavaIsMadeAgain() throws Exception {
        assertThat(cdsOptions("ok", "on").options()).hasSize(3);
        Files.writeString(root.resolve("web/target/freshet.jsa.java"), "/opt/another/java 1\n");
        Files.delete(calls);

        assertThat(cdsOptions("ok", "on").options()).hasSize(3);
        assertThat(Files.readString(calls)).contains("-XX:ArchiveClassesAtExit=");
    }

    @Test
    void theWarmUpRunSeesNoneOfTheCallersSettings() throws Exception {
        cdsOptions("ok", "on", "FRESHET_DB_URL", "jdbc:postgresql://production/freshet", "AWS_ACCESS_KEY_ID", "key");

        assertThat(Files.readString(warmUpEnvironment))
                .doesNotContain("FRESHET_")
                .doesNotContain("AWS_")
                .contains("PATH=");
    }

    @Test
    void freshetCdsOffLeavesTheArchiveAlone() throws Exception {
        Result result = cdsOptions("ok", "off");

        assertThat(result.exit()).isZero();
        assertThat(result.options()).isEmpty();
        assertThat(calls).doesNotExist();
    }

    private void aBuildAfterTheFailedMaking() throws IOException {
        Files.setLastModifiedTime(
                root.resolve("web/target/freshet.jsa.failed"),
                FileTime.from(Instant.now().minusSeconds(60)));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(30)));
    }

    private record Result(int exit, List<String> options, String stderr) {}

    private Result cdsOptions(String stub, String cds, String... environment) throws Exception {
        Path fails = root.resolve("java-fails");
        if (stub.equals("fail")) {
            Files.writeString(fails, "");
        } else {
            Files.deleteIfExists(fails);
        }
        ProcessBuilder builder = new ProcessBuilder(
                "bash",
                "-c",
                "set -euo pipefail; root=\"$1\"; source \"$root/scripts/lib/jar.sh\"; cds_options; "
                        + "for o in \"${cds_opts[@]}\"; do echo \"$o\"; done",
                "test",
                root.toString());
        builder.environment().put("PATH", root.resolve("bin") + ":" + System.getenv("PATH"));
        for (int i = 0; i < environment.length; i += 2) {
            builder.environment().put(environment[i], environment[i + 1]);
        }
        builder.environment().put("FRESHET_CDS", cds);
        builder.environment()
                .put("TMPDIR", Files.createDirectories(root.resolve("tmp")).toString());
        Path stderr = root.resolve("stderr.txt");
        Process process = builder.redirectError(stderr.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out.lines().toList(), Files.readString(stderr));
    }
}
