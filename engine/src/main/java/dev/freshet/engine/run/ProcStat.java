package dev.freshet.engine.run;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One process as Linux's {@code /proc/PID/stat} describes it: its state, session and start time (clock ticks after
 * boot). A pid alone may have been reused by the time it is read again; pid and start time name one process.
 */
record ProcStat(long pid, char state, long session, long startTicks) {
    private static final Path PROC = Path.of("/proc");

    static boolean available() {
        return Files.isReadable(PROC.resolve("self/stat"));
    }

    static Optional<ProcStat> of(long pid) {
        try {
            return Optional.of(
                    parse(pid, Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // gone, or not Linux
        }
    }

    /** Every process in {@code session} that is not a zombie (a zombie has ended; it waits only to be reaped). */
    static List<ProcStat> liveInSession(long session) {
        List<ProcStat> members = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(
                PROC, entry -> isNumber(entry.getFileName().toString()))) {
            for (Path entry : entries) {
                of(Long.parseLong(entry.getFileName().toString()))
                        .filter(p -> p.session() == session && p.isLive())
                        .ifPresent(members::add);
            }
        } catch (IOException e) {
            return members;
        }
        return members;
    }

    boolean isLive() {
        return state != 'Z' && state != 'X';
    }

    /** Fields after the command name, which is in parentheses and may itself contain spaces and parentheses. */
    static ProcStat parse(long pid, String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is field 3 of proc(5): state; session is field 6, starttime field 22.
        return new ProcStat(pid, fields[0].charAt(0), Long.parseLong(fields[3]), Long.parseLong(fields[19]));
    }

    private static boolean isNumber(String name) {
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }
}
