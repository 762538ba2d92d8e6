package dev.freshet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;

/**
 * {@code freshet}: the workflow engine that keeps machine-learning models fresh.
 *
 * <p>Its subcommands are added by {@link #commandLine}, not named in the annotation: picocli builds the model of every
 * command it is given by reflection, on classes it cannot keep in the class-data archive (they are compiled for Java
 * 5), which cost a short {@code freshet run} about a quarter of its start-up. A command line that names its subcommand
 * first gets that one only; any other ({@code help}, which names another, a version, an unknown name) gets them all.
 */
@Command(
        name = "freshet",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A workflow engine on Quartz whose flagship job keeps machine-learning models fresh.")
public final class FreshetCommand extends UsageCommand {
    /** The subcommands, in the order the usage lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
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
            CommandLine.HelpCommand.class);

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (0 only on success). */
    public static int execute(String... args) {
        return commandLine(args).execute(args);
    }

    /** The command line that {@code args} need: the root with the subcommand they name, or with every one. */
    static CommandLine commandLine(String... args) {
        CommandLine root = new CommandLine(new FreshetCommand());
        List<Class<?>> named = args.length == 0
                ? List.of()
                : SUBCOMMANDS.stream()
                        .filter(c ->
                                c != CommandLine.HelpCommand.class && nameOf(c).equals(args[0]))
                        .toList();
        for (Class<?> subcommand : named.isEmpty() ? SUBCOMMANDS : named) {
            root.addSubcommand(subcommand);
        }
        // set after the subcommands are added: picocli passes these settings on to the subcommands it has then
        return root.setExpandAtFiles(false) // "@daily" is a schedule, not a file to read arguments from
                .setExecutionExceptionHandler(new ErrorHandler());
    }

    private static String nameOf(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }
}
