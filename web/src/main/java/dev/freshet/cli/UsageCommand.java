package dev.freshet.cli;

import picocli.CommandLine;

import java.util.concurrent.Callable;

/**
 * A command that only groups subcommands ({@code freshet}, {@code freshet runs}, …): called alone it prints its usage
 * to stderr and exits 2, as a command line missing its subcommand does.
 */
abstract class UsageCommand implements Callable<Integer> {
    /** The exit code of a command called without the subcommand it needs. */
    static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return USAGE;
    }
}
