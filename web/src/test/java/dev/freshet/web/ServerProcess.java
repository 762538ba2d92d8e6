package dev.freshet.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real {@code freshet server} in a JVM of its own, started through its own {@code main} with this JVM's class path,
 * as {@code scripts/freshet} starts it: for tests that kill a server with kill -9 or run several as a cluster.
 *
 * <pre>{@code
 * ServerProcess node = ServerProcess.builder("a", home).workflows(dir).clustered(url, Duration.ofSeconds(1)).start();
 * node.awaitServing().http().get("/api/v1/dags");
 * node.kill(); // SIGKILL
 * }</pre>
 *
 * The server listens on port 0; {@link #awaitServing} reads the port it took from the line it prints once it serves.
 * The child gets none of this JVM's {@code FRESHET_*} and {@code AWS_*} variables, only those the builder sets.
 */
final class ServerProcess implements AutoCloseable {
    static final String TOKEN = "server-process-token";

    /** What {@code ServerCommand} prints (to stderr) once it listens. */
    private static final Pattern SERVING = Pattern.compile("Freshet is serving on http://localhost:(\\d+)/");

    private static final Duration START_BOUND = Duration.ofSeconds(120);

    private final String name;
    private final Process process;
    private final Path log;
    private volatile int port = -1;

    private ServerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** A server named {@code name} (in messages only) on the given home. */
    static Builder builder(String name, Path home) {
        return new Builder(name, home);
    }

    /**
     * Waits (within two minutes) until the server prints that it serves and answers {@code /health}; a server that
     * does not is killed before the failure is thrown.
     */
    ServerProcess awaitServing() {
        try {
            await().atMost(START_BOUND)
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreException(UncheckedIOException.class)
                    .until(() -> {
                        assertThat(process.isAlive())
                                .as("server %s is alive (its output: %s)", name, log)
                                .isTrue();
                        if (port < 0) {
                            printedPort().ifPresent(p -> port = p);
                        }
                        return port >= 0 && http().get("/health").statusCode() == 200;
                    });
        } catch (RuntimeException | Error e) {
            process.destroyForcibly();
            throw e;
        }
        return this;
    }

    String name() {
        return name;
    }

    int port() {
        if (port < 0) {
            throw new IllegalStateException("server " + name + " is not serving yet: call awaitServing first");
        }
        return port;
    }

    /** A client of this server with its API token. */
    Http http() {
        return new Http(port(), TOKEN);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The server's stdout and stderr. */
    Path log() {
        return log;
    }

    /** Whether a try that recorded this {@code host:pid} ran here. */
    boolean ran(String hostname) {
        return hostname != null && hostname.endsWith(":" + process.pid());
    }

    /** kill -9: no shutdown hook, no clean stop of Quartz or of anything else; returns once the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("server " + name + " outlived SIGKILL for 30 s");
        }
    }

    /** A clean stop (SIGTERM, its shutdown hook), or kill -9 after 30 s. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private OptionalInt printedPort() throws IOException {
        String output;
        try {
            output = Files.readString(log);
        } catch (NoSuchFileException notYet) {
            return OptionalInt.empty();
        }
        Matcher matcher = SERVING.matcher(output);
        return matcher.find() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
    }

    static final class Builder {
        private final String name;
        private final Path home;
        private Path workflows;
        private Path log;
        private String heap = "512m";
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();

        private Builder(String name, Path home) {
            this.name = Objects.requireNonNull(name);
            this.home = Objects.requireNonNull(home);
        }

        /** {@code --workflows}; default: the server's own default under its home. */
        Builder workflows(Path folder) {
            this.workflows = folder;
            return this;
        }

        /** {@code FRESHET_DB_URL}; default: H2 in the home. */
        Builder database(String url) {
            return env("FRESHET_DB_URL", url);
        }

        /** {@code FRESHET_CLUSTERED=true} on the given database, checking in at the given interval. */
        Builder clustered(String databaseUrl, Duration checkin) {
            return database(databaseUrl)
                    .env("FRESHET_CLUSTERED", "true")
                    .env("FRESHET_CLUSTER_CHECKIN", checkin.toMillis() + "ms");
        }

        /** {@code FRESHET_ARTIFACT_ROOT}, e.g. a {@code file:} URI of a folder several servers share. */
        Builder artifactRoot(String root) {
            return env("FRESHET_ARTIFACT_ROOT", root);
        }

        Builder env(String variable, String value) {
            env.put(variable, value);
            return this;
        }

        /** The maximum heap, as {@code -Xmx} takes it; default 512m. */
        Builder heap(String size) {
            this.heap = size;
            return this;
        }

        Builder jvmOptions(String... options) {
            jvmOptions.addAll(List.of(options));
            return this;
        }

        /** More arguments of {@code freshet server}, e.g. {@code --prediction-log off}. */
        Builder args(String... more) {
            args.addAll(List.of(more));
            return this;
        }

        /** Where the server's stdout and stderr go; default {@code <home>/server-<name>.log}. */
        Builder log(Path file) {
            this.log = file;
            return this;
        }

        ServerProcess start() throws IOException {
            Files.createDirectories(home);
            Path output = log != null ? log : home.resolve("server-" + name + ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx" + heap);
            command.addAll(jvmOptions);
            command.addAll(List.of(
                    "-cp",
                    System.getProperty("java.class.path"),
                    "dev.freshet.cli.FreshetCommand",
                    "server",
                    "--port",
                    "0",
                    "--home",
                    home.toString()));
            if (workflows != null) {
                command.addAll(List.of("--workflows", workflows.toString()));
            }
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().keySet().removeIf(k -> k.startsWith("FRESHET_") || k.startsWith("AWS_"));
            builder.environment().put("FRESHET_API_TOKEN", TOKEN);
            builder.environment().putAll(env);
            Process process = builder.redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            return new ServerProcess(name, process, output);
        }
    }
}
