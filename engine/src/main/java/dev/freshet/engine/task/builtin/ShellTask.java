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
 * {@code shell {command, env, cwd}}: runs the command with {@code /bin/sh -c}; exit code 0 is success. Output goes to
 * the task log. Cancellation or a timeout (thread interruption) kills the whole process tree.
 */
public final class ShellTask implements TaskType {
    @Override
    public String type() {
        return "shell";
    }

    @Override
    public TaskResult run(TaskContext context) throws Exception {
        String command = context.config().string("command");
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true);
        Path cwd = context.config().optString("cwd").map(context::resolvePath).orElse(context.workflowDir());
        builder.directory(cwd.toFile());
        context.config().section("env").asMap().forEach((k, v) -> builder.environment().put(k, String.valueOf(v)));
        Process process = builder.start();
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
