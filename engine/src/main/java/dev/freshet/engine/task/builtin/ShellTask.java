package dev.freshet.engine.task.builtin;

import dev.freshet.engine.FreshetException;
import dev.freshet.engine.task.TaskContext;
import dev.freshet.engine.task.TaskResult;
import dev.freshet.engine.task.TaskType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

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
    private static final Path SETSID = java.util.stream.Stream.of("/usr/bin/setsid", "/bin/setsid").map(Path::of)
            .filter(java.nio.file.Files::isExecutable).findFirst().orElse(null);

    @Override
    public String type() {
        return "shell";
    }

    /** The command's values are shell-quoted as they are rendered; see docs/task-types.md. */
    @Override
    public java.util.Set<String> shellQuotedFields() {
        return java.util.Set.of("command");
    }

    private static java.util.List<String> commandLine(String command) {
        return SETSID == null ? java.util.List.of("/bin/sh", "-c", command)
                : java.util.List.of(SETSID.toString(), "/bin/sh", "-c", command);
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
        Thread pump = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    context.log().info("{}", line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "shell-output-" + context.taskId());
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
