package dev.freshet.cli;

import dev.freshet.engine.testdb.H2Only;
import dev.freshet.web.serving.ScoringRoutes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.freshet.cli.CommandOutput.freshet;
import static org.assertj.core.api.Assertions.assertThat;

/** The command line's version, usage, help and messages agree with each other and say what to do. */
@H2Only("The commands' help, versions and argument errors: they end before a database is opened, but for one "
        + "lookup of an empty registry")
class CliConsistencyTest {
    private static final String WINE_QUALITY =
            Path.of("../workflows/wine-quality.yaml").toString();

    @TempDir
    Path home;

    @Test
    void versionIsTheProjectsAsTheServerReportsIt() {
        CommandOutput version = freshet("-V");

        assertThat(ScoringRoutes.version()).isNotEqualTo("dev").matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(version.out().strip()).isEqualTo("freshet " + ScoringRoutes.version());
    }

    @Test
    void aCommandWithoutItsSubcommandPrintsUsageAndExitsTwoAtEveryLevel() {
        CommandOutput top = freshet();
        CommandOutput runs = freshet("runs");
        CommandOutput models = freshet("models");

        assertThat(top.exitCode()).isEqualTo(2);
        assertThat(runs.exitCode()).isEqualTo(2);
        assertThat(models.exitCode()).isEqualTo(2);
        assertThat(top.err()).startsWith("Usage: freshet ");
        assertThat(runs.err()).startsWith("Usage: freshet runs ").contains("list", "cancel");
        assertThat(top.out()).isEmpty();
        assertThat(runs.out()).isEmpty();
    }

    @Test
    void helpDescribesEverySubcommandAndShowsDefaultsAndOnlyTheOptionsThatMatter() {
        assertThat(freshet("runs", "--help").out()).contains("List runs, or cancel one.");
        assertThat(freshet("run", "--help").out())
                .contains("default PT2H", "default text", "--parallelism", "--workflows");
        for (String[] readOnly : new String[][] {
            {"runs", "list"},
            {"models", "list"},
            {"tasks", "list", "x"},
            {"experiments", "list"},
            {"models", "versions", "x"}
        }) {
            String[] args = java.util.Arrays.copyOf(readOnly, readOnly.length + 1);
            args[readOnly.length] = "--help";
            assertThat(freshet(args).out())
                    .as(String.join(" ", readOnly))
                    .contains("--home", "--db")
                    .doesNotContain("--parallelism", "--workflows");
        }
        assertThat(freshet("tasks", "clear", "--help").out())
                .contains("--workflows")
                .doesNotContain("--parallelism");
    }

    @Test
    void servingAnUnknownModelNamesTheModelsThereAre() {
        CommandOutput serve = freshet("models", "serve", "-m", "models:/nope@champion", "--home", home.toString());

        assertThat(serve.exitCode()).isEqualTo(1);
        assertThat(serve.err()).contains("no model 'nope' (no model is registered yet)");
    }

    @Test
    void aWorkflowIdWithoutItsFolderSaysWhereItLookedAndHowToPointElsewhere() {
        Path missing = home.resolve("nowhere");

        CommandOutput run =
                freshet("run", "wine-quality", "--workflows", missing.toString(), "--home", home.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains(
                        "'wine-quality' is not a workflow file",
                        missing.toString(),
                        "does not exist",
                        "--workflows DIR")
                .doesNotContain("NoSuchFileException");
    }

    @Test
    void aParamThatCannotFillItsTypedTaskSettingIsRefusedBeforeTheRunExists() {
        CommandOutput run = freshet("run", WINE_QUALITY, "-P", "alpha=abc", "--home", home.toString());
        CommandOutput runs = freshet("runs", "list", "--workflow", "wine-quality", "--home", home.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("conf.alpha: must be a number, got 'abc'", "task 'train'", "train.elasticnet setting 'alpha'")
                .doesNotContain("started");
        assertThat(runs.lines()).as("no run was created").hasSize(2);
    }
}
