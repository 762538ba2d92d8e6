package dev.freshet.engine.testdb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server (zonky's embedded binaries, extracted under the temp folder) with a fresh database per
 * caller. As root, zonky starts initdb and postgres under {@code unshare -U}: in a user namespace of their own they are
 * not uid 0, which PostgreSQL requires, yet still own the data folder.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final AtomicInteger databases = new AtomicInteger();
    private final Map<Path, String> byHome = new ConcurrentHashMap<>();

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedPostgresServer start() {
        try {
            return new EmbeddedPostgresServer(EmbeddedPostgres.builder()
                    // test data need not survive a crash of the machine: no fsync, as Quartz and we commit often
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "300")
                    // the default 10 s is not enough for initdb and the start on two busy cores
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start an embedded PostgreSQL", e);
        }
    }

    /** A new, empty database on this server; its JDBC URL carries the user (trust authentication, no password). */
    public String createDatabase(String prefix) {
        String name = (prefix.replaceAll("[^A-Za-z0-9]", "_") + "_" + databases.incrementAndGet()).toLowerCase();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    /** The database of the engine whose home is {@code home}: created on first use, the same one after that. */
    public String databaseFor(Path home) {
        return byHome.computeIfAbsent(home.toAbsolutePath().normalize(), h -> createDatabase("home"));
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database + "?user=" + USER;
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
