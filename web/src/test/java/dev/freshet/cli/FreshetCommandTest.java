package dev.freshet.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line holds only the subcommand it is asked for, and that one behaves as among all of them. */
class FreshetCommandTest {
    @Test
    void aCommandLineNamingItsSubcommandFirstHoldsThatOneOnly() {
        assertThat(FreshetCommand.commandLine("run", "nop.yaml", "--output", "json")
                        .getSubcommands()
                        .keySet())
                .containsExactly("run");
    }

    @Test
    void anyOtherCommandLineHoldsEverySubcommandInOrder() {
        for (String[] args : new String[][] {{}, {"--help"}, {"-V"}, {"help", "run"}, {"rnu"}}) {
            assertThat(FreshetCommand.commandLine(args).getSubcommands().keySet())
                    .containsExactly(
                            "server",
                            "run",
                            "experiments",
                            "runs",
                            "models",
                            "tasks",
                            "workflows",
                            "schema",
                            "schedule",
                            "backfill",
                            "help");
        }
    }

    @Test
    void everySubcommandAloneHasTheUsageItHasAmongAll() {
        CommandLine all = FreshetCommand.commandLine();
        all.getSubcommands().forEach((name, among) -> {
            CommandLine alone =
                    FreshetCommand.commandLine(name).getSubcommands().get(name);
            assertThat(usage(alone)).as(name).isEqualTo(usage(among));
            among.getSubcommands()
                    .forEach((sub, nested) -> assertThat(
                                    usage(alone.getSubcommands().get(sub)))
                            .as(name + " " + sub)
                            .isEqualTo(usage(nested)));
        });
    }

    private static String usage(CommandLine command) {
        StringWriter text = new StringWriter();
        command.usage(new PrintWriter(text), CommandLine.Help.Ansi.OFF);
        return text.toString();
    }
}
