package dev.freshet.engine.task.builtin;

import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.task.TaskContext;
import dev.freshet.engine.task.TaskResult;
import dev.freshet.engine.task.TaskType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code shell {command, env, cwd}}: runs the command with {@code /bin/sh -c}, in a session of its own and a clean
 * environment ({@link ShellEnvironment}); exit code 0 is success. Output goes to the task log. Cancellation or a
 * timeout (thread interruption) kills the whole process tree; so does the recovery of a try whose JVM died.
 */
public final class ShellTask implements TaskType {
    /**
     * setsid(1) from util-linux: the command leads a session of its own, so that its whole process tree can be found
     * and killed if this JVM dies while it runs. setsid execs in place (the JVM's child never leads a process group),
     * so the session's id is the child's pid.
     */
    private static final Path SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
            .map(Path::of)
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(null);

    @Override
    public String type() {
        return "shell";
    }

    /** The command's values are shell-quoted as they are rendered; see docs/task-types.md. */
    @Override
    public Set<String> shellQuotedFields() {
        return Set.of("command");
    }

    /**
     * The command, started so that it runs only after a line on its stdin: a JVM killed between starting the process
     * and recording it would otherwise leave a process nobody knows of. Without that line (the JVM died) it exits.
     * The command's stdin is then at its end.
     */
    private static List<String> commandLine(String command) {
        List<String> gated =
                List.of("/bin/sh", "-c", "read -r _ || exit 125; exec /bin/sh -c \"$1\"", "freshet-shell", command);
        if (SETSID == null) {
            return gated;
        }
        List<String> line = new ArrayList<>(List.of(SETSID.toString()));
        line.addAll(gated);
        return line;
    }

    @Override
    public TaskResult run(TaskContext context) throws Exception {
        String command = context.config().string("command");
        ProcessBuilder builder = new ProcessBuilder(commandLine(command)).redirectErrorStream(true);
        Path cwd = context.config().optString("cwd").map(context::resolvePath).orElse(context.workflowDir());
        builder.directory(cwd.toFile());
        builder.environment().clear();
        builder.environment().putAll(ShellEnvironment.of(context, System.getenv()));
        Process process = builder.start();
        if (SETSID != null) {
            context.watchProcess(process);
        }
        // The command waits for this line: it runs only once the engine knows its process (see commandLine).
        try (var stdin = process.getOutputStream()) {
            stdin.write('\n');
        } catch (IOException e) {
            // It ended already; its exit code says how.
        }
        Thread pump = new Thread(
                () -> {
                    try (BufferedReader out = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = out.readLine()) != null) {
                            context.log().info("{}", line);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                "shell-output-" + context.taskId());
        pump.setDaemon(true);
        pump.start();
        try {
            int exit = process.waitFor();
            pump.join();
            if (exit != 0) {
                throw new FreshetException("command exited with code " + exit);
            }
            return TaskResult.of(Map.of("exit_code", exit));
        } finally {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }
}
