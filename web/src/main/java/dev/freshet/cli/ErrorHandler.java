package dev.freshet.cli;

import dev.freshet.engine.error.FreshetException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Shows people the message of what went wrong, not a stack trace; the trace goes to the debug log. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        String message =
                e instanceof FreshetException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
        commandLine.getErr().println("error: " + message);
        LoggerFactory.getLogger(ErrorHandler.class).debug("command failed", e);
        return 1;
    }
}
