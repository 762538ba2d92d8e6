package dev.freshet.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs {@code freshet …} in this JVM (on the class's database, {@link CliDatabase}) and keeps what it printed. */
record CommandOutput(int exitCode, String out, String err) {
    static CommandOutput freshet(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = FreshetCommand.execute(CliDatabase.withDatabase(args));
            return new CommandOutput(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    List<String> lines() {
        return out.lines().toList();
    }
}
