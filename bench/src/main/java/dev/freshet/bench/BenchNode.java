package dev.freshet.bench;

import dev.freshet.engine.Engine;
import dev.freshet.engine.EngineConfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Freshet node in a JVM of its own with this JVM's class path, the one launcher of the bench programs: a full
 * {@code freshet server} ({@link #server}: the cluster demo's nodes, the serving benchmark's servers), or a bare
 * engine without HTTP ({@link #engine}: the dispatch benchmark's further nodes; {@link #main} is that JVM). The
 * child inherits this JVM's environment (so {@code FRESHET_DB_USER} and the like reach it) plus what the builder
 * sets; its output goes to a log file. A server listens on port 0 and {@link #awaitReady} reads the port it took
 * from the line it prints once it serves.
 */
final class BenchNode implements AutoCloseable {
    static final String ENGINE_STARTED = "bench node started";

    /** What {@code ServerCommand} prints once it listens. */
    private static final Pattern SERVING = Pattern.compile("Freshet is serving on http://localhost:(\\d+)/");

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final Process process;
    private final Path log;
    private final String readyPath;
    private int port = -1;

    private BenchNode(String name, Process process, Path log, String readyPath) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.readyPath = readyPath;
    }

    /** {@code freshet server --port 0 --home HOME --workflows WORKFLOWS}. */
    static Builder server(String name, Path home, Path workflows) {
        return new Builder(name, home, "dev.freshet.cli.FreshetCommand", "/health")
                .args("server", "--port", "0", "--home", home.toString(), "--workflows", workflows.toString());
    }

    /** A clustered engine on the database {@code url} with {@code threads} task threads, no HTTP. */
    static Builder engine(String name, Path home, Path workflows, String url, int threads) {
        return new Builder(name, home, BenchNode.class.getName(), null)
                .args(home.toString(), workflows.toString(), url, String.valueOf(threads));
    }

    /**
     * Waits until the node says it started (and a server answers its ready path with 200), or fails when it exits
     * or {@code bound} passes.
     */
    BenchNode awaitReady(Duration bound) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(bound);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "node " + name + " exited with " + process.exitValue() + "; its output: " + log);
            }
            if (ready()) {
                return this;
            }
            Thread.sleep(200); // polling a child process: there is nothing to wait on
        }
        throw new IllegalStateException("node " + name + " was not ready within " + bound + "; its output: " + log);
    }

    String name() {
        return name;
    }

    /** The server's HTTP port, once {@link #awaitReady} returned. */
    int port() {
        if (port < 0) {
            throw new IllegalStateException("node " + name + " has no port yet");
        }
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** Whether a try that recorded this {@code host:pid} ran here. */
    boolean ran(String hostname) {
        return hostname != null && hostname.endsWith(":" + process.pid());
    }

    /** kill -9: no shutdown hook, no clean stop; returns once the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** A clean stop (SIGTERM), or kill -9 after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    private boolean ready() throws IOException, InterruptedException {
        String output;
        try {
            output = Files.readString(log);
        } catch (NoSuchFileException notYet) {
            return false;
        }
        if (readyPath == null) {
            return output.lines().anyMatch(ENGINE_STARTED::equals);
        }
        Matcher serving = SERVING.matcher(output);
        if (!serving.find()) {
            return false;
        }
        port = Integer.parseInt(serving.group(1));
        try {
            HttpResponse<Void> answer = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + readyPath))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    static final class Builder {
        private final String name;
        private final Path home;
        private final String mainClass;
        private String readyPath;
        private String heap = "768m";
        private Path log;
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();

        private Builder(String name, Path home, String mainClass, String readyPath) {
            this.name = name;
            this.home = home;
            this.mainClass = mainClass;
            this.readyPath = readyPath;
        }

        /** {@code FRESHET_DB_URL}, {@code FRESHET_CLUSTERED=true} and the check-in interval (e.g. {@code 2s}). */
        Builder clustered(String databaseUrl, String checkin) {
            return env("FRESHET_DB_URL", databaseUrl)
                    .env("FRESHET_CLUSTERED", "true")
                    .env("FRESHET_CLUSTER_CHECKIN", checkin);
        }

        Builder env(String variable, String value) {
            env.put(variable, value);
            return this;
        }

        /** The maximum heap, as {@code -Xmx} takes it; default 768m. */
        Builder heap(String size) {
            this.heap = size;
            return this;
        }

        Builder jvmOptions(List<String> options) {
            jvmOptions.addAll(options);
            return this;
        }

        Builder args(String... more) {
            args.addAll(List.of(more));
            return this;
        }

        /** For a server: the path that must answer 200 before it counts as ready; default {@code /health}. */
        Builder readyPath(String path) {
            this.readyPath = path;
            return this;
        }

        /** Where its stdout and stderr go; default {@code <home>/node-<name>.log}. */
        Builder log(Path file) {
            this.log = file;
            return this;
        }

        BenchNode start() throws IOException {
            Files.createDirectories(home);
            Path output = log != null ? log : home.resolve("node-" + name + ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx" + heap);
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(env);
            Process process = builder.redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            return new BenchNode(name, process, output, readyPath);
        }
    }

    /** The engine node's JVM: home, workflows folder, database URL, task threads. */
    public static void main(String[] args) throws InterruptedException {
        EngineConfig defaults = EngineConfig.defaults(Path.of(args[0]));
        Engine.start(new EngineConfig(
                defaults.home(),
                args[2],
                System.getenv("FRESHET_DB_USER"),
                System.getenv("FRESHET_DB_PASSWORD"),
                Path.of(args[1]),
                Integer.parseInt(args[3]),
                true,
                defaults.clusterCheckin(),
                defaults.schedulerName(),
                defaults.artifacts(),
                defaults.clock()));
        System.out.println(ENGINE_STARTED);
        System.out.flush();
        Thread.currentThread().join();
    }
}
