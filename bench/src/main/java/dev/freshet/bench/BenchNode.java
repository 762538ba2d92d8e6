package dev.freshet.bench;

import dev.freshet.engine.Engine;
import dev.freshet.engine.EngineConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One more clustered engine node for a benchmark, in a JVM of its own: {@link #start} launches it on the benchmark's
 * PostgreSQL and workflows and waits until its engine runs; {@link #main} is that JVM.
 */
final class BenchNode implements AutoCloseable {
    static final String STARTED = "bench node started";

    private final Process process;

    private BenchNode(Process process) {
        this.process = process;
    }

    static BenchNode start(Path home, Path workflows, String url, int threads) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g",
                "-cp",
                System.getProperty("java.class.path"),
                BenchNode.class.getName(),
                home.toString(),
                workflows.toString(),
                url,
                String.valueOf(threads)));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .start();
        try (var lines = process.inputReader().lines()) {
            if (lines.noneMatch(STARTED::equals)) {
                process.destroyForcibly();
                throw new IOException("the second node exited before its engine started");
            }
        }
        return new BenchNode(process);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

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
        System.out.println(STARTED);
        System.out.close(); // nobody reads on: the node logs nothing into a full pipe
        Thread.currentThread().join();
    }
}
