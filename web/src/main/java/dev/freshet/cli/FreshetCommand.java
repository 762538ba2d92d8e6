package dev.freshet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code freshet}: the workflow engine that keeps machine-learning models fresh. */
@Command(
        name = "freshet",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A workflow engine on Quartz whose flagship job keeps machine-learning models fresh.",
        subcommands = {
            ServerCommand.class,
            RunCommand.class,
            ExperimentsCommand.class,
            RunsCommand.class,
            ModelsCommand.class,
            TasksCommand.class,
            WorkflowsCommand.class,
            SchemaCommand.class,
            ScheduleCommand.class,
            BackfillCommand.class,
            CommandLine.HelpCommand.class
        })
public final class FreshetCommand extends UsageCommand {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (0 only on success). */
    public static int execute(String... args) {
        return new CommandLine(new FreshetCommand())
                .setExpandAtFiles(false) // "@daily" is a schedule, not a file to read arguments from
                .setExecutionExceptionHandler(new ErrorHandler())
                .execute(args);
    }
}
