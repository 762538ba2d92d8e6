package dev.freshet.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One node of a test cluster: a real {@code freshet server} in a JVM of its own, clustered on a shared PostgreSQL
 * database and a shared home.
 */
record ClusterNode(String name, Process process, int port, Http http) {
    static final String TOKEN = "cluster-token";

    static ClusterNode start(String name, Path home, Path workflows, String databaseUrl, Duration checkin)
            throws IOException {
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(
                java,
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.freshet.cli.FreshetCommand",
                "server",
                "--port",
                String.valueOf(port),
                "--home",
                home.toString(),
                "--workflows",
                workflows.toString());
        builder.environment().put("FRESHET_API_TOKEN", TOKEN);
        builder.environment().put("FRESHET_DB_URL", databaseUrl);
        builder.environment().put("FRESHET_CLUSTERED", "true");
        builder.environment().put("FRESHET_CLUSTER_CHECKIN", checkin.toMillis() + "ms");
        Process process = builder.redirectErrorStream(true)
                .redirectOutput(home.resolve("node-" + name + ".log").toFile())
                .start();
        return new ClusterNode(name, process, port, new Http(port, TOKEN));
    }

    ClusterNode awaitServing() {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .ignoreException(UncheckedIOException.class)
                .until(() -> {
                    assertThat(process.isAlive()).as("node %s is alive", name).isTrue();
                    return http.get("/api/v1/dags/tick").statusCode() == 200;
                });
        return this;
    }

    /** The {@code host:pid} its tries record. */
    boolean ran(String hostname) {
        return hostname != null && hostname.endsWith(":" + process.pid());
    }

    void kill() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL: no shutdown hook, no clean Quartz stop
        process.waitFor(30, TimeUnit.SECONDS);
    }

    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
