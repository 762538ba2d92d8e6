package dev.freshet.engine.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The processes tries started in sessions of their own (a {@code shell} command under setsid), so that none outlives
 * the JVM that started it into its retry. Each is recorded in {@code <home>/processes/<run>/<task>/<try>.pid} with
 * its start time, this host and this JVM; once the try ends the file goes. A file whose JVM is gone marks a session
 * that may still run: {@link #killLeftovers} ends it (SIGTERM, then SIGKILL) and waits until it is gone, before the
 * try is failed and its retry queued. Only processes on this host can be killed; Linux only (it reads /proc).
 */
final class TryProcesses {
    private static final Logger LOG = LoggerFactory.getLogger(TryProcesses.class);
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    /** What a pid file holds: the session's leader and the JVM that started it, each with its start time. */
    private record Entry(long pid, long startTicks, String host, long ownerPid, long ownerStartTicks) {
        String line() {
            return pid + " " + startTicks + " " + ownerPid + " " + ownerStartTicks + " " + host + "\n";
        }

        static Optional<Entry> parse(String line) {
            String[] f = line.strip().split(" ", 5);
            try {
                return Optional.of(new Entry(
                        Long.parseLong(f[0]), Long.parseLong(f[1]), f[4], Long.parseLong(f[2]), Long.parseLong(f[3])));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }

        boolean ownerAlive() {
            return ProcStat.of(ownerPid)
                    .filter(p -> p.startTicks() == ownerStartTicks && p.isLive())
                    .isPresent();
        }
    }

    private final Path root;
    private final String hostname;
    /** The sessions this JVM's tries started, so that a try that started none costs no file-system call at its end. */
    private final Map<TryKey, Entry> startedHere = new ConcurrentHashMap<>();

    /** @param hostname this engine's, as tries record it: the host's name, perhaps with {@code :<pid>} after it */
    TryProcesses(Path home, String hostname) {
        this.root = home.resolve("processes");
        this.hostname = hostname.replaceFirst(":\\d+$", "");
    }

    /** Records {@code process}, which leads a session of its own, as started by try {@code key} in this JVM. */
    void record(TryKey key, Process process) {
        Optional<ProcStat> child = ProcStat.of(process.pid());
        Optional<ProcStat> self = ProcStat.of(ProcessHandle.current().pid());
        if (child.isEmpty() || self.isEmpty()) {
            return; // ended already, or no /proc here
        }
        Path file = fileFor(key);
        Entry entry = new Entry(
                process.pid(),
                child.get().startTicks(),
                hostname,
                self.get().pid(),
                self.get().startTicks());
        startedHere.put(key, entry);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, entry.line(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("cannot record process {} of try {}: {}", process.pid(), key, e.getMessage());
        }
    }

    /**
     * The try has ended in this JVM: whatever is still alive in its session (a background job the command did not wait
     * for, a process that left its parent, a child a timeout's kill of the tree missed) is killed before the try's
     * outcome is recorded, so nothing a try started outlives it into its retry or the next run. Then the record goes.
     */
    void forget(TryKey key) {
        Entry entry = startedHere.remove(key);
        if (entry == null) {
            return;
        }
        kill(key, entry, "when it ended");
        delete(fileFor(key));
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("cannot remove the process file {}: {}", file, e.getMessage());
        }
    }

    /**
     * Kills what try {@code key} started, if the JVM that started it is gone and it ran on this host; returns once
     * none of it runs any more (or after {@link #GRACE} and {@link #KILL_WAIT}, with a warning).
     */
    void killLeftovers(TryKey key) {
        Path file = fileFor(key);
        Optional<Entry> entry = read(file);
        if (entry.isEmpty()) {
            return;
        }
        if (!entry.get().host().equals(hostname)) {
            LOG.warn(
                    "try {} ran on {}; its processes there, if any still run, cannot be killed from {}",
                    key,
                    entry.get().host(),
                    hostname);
            return;
        }
        if (entry.get().ownerAlive()) {
            return; // its own JVM still runs it
        }
        kill(key, entry.get(), "when its JVM died");
        delete(file);
    }

    /** Kills the leftovers of every try recorded by a JVM on this host that is gone. */
    void killAllLeftovers() {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root, 3)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                Optional<TryKey> key = keyOf(file);
                key.ifPresent(this::killLeftovers);
            }
        } catch (IOException e) {
            LOG.warn("cannot look for processes left by a JVM that died: {}", e.getMessage());
        }
    }

    private void kill(TryKey key, Entry entry, String when) {
        List<ProcStat> members = session(entry);
        if (members.isEmpty()) {
            return;
        }
        LOG.warn("try {} left {} process(es) in session {} {}; killing them", key, members.size(), entry.pid(), when);
        members.forEach(p -> ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroy));
        if (!awaitGone(entry, GRACE)) {
            session(entry).forEach(p -> ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroyForcibly));
            if (!awaitGone(entry, KILL_WAIT)) {
                LOG.warn("processes of try {} in session {} survived SIGKILL: {}", key, entry.pid(), session(entry));
            }
        }
    }

    /** The live processes of the entry's session that started no earlier than its leader (pids may be reused). */
    private static List<ProcStat> session(Entry entry) {
        return ProcStat.liveInSession(entry.pid()).stream()
                .filter(p -> p.startTicks() >= entry.startTicks())
                .toList();
    }

    private static boolean awaitGone(Entry entry, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!session(entry).isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private Optional<Entry> read(Path file) {
        try {
            return Entry.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Optional<TryKey> keyOf(Path file) {
        Path relative = root.relativize(file);
        if (relative.getNameCount() != 3) {
            return Optional.empty();
        }
        String name = relative.getName(2).toString();
        try {
            return Optional.of(new TryKey(
                    relative.getName(0).toString(),
                    relative.getName(1).toString(),
                    Integer.parseInt(name.substring(0, name.length() - ".pid".length()))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private Path fileFor(TryKey key) {
        return root.resolve(key.runId()).resolve(key.taskId()).resolve(key.tryNumber() + ".pid");
    }
}
