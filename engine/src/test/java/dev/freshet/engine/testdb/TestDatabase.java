package dev.freshet.engine.testdb;

import dev.freshet.engine.EngineConfig;
import dev.freshet.engine.store.Database;

import java.nio.file.Path;

/**
 * The database a test class runs on: embedded H2 in the engine's home, or (with a server) a database of its own on the
 * test PostgreSQL for each engine home — so an engine restarted on the same home finds its data again, and two homes
 * never share one.
 */
public record TestDatabase(EmbeddedPostgresServer postgres) {
    public static TestDatabase h2() {
        return new TestDatabase(null);
    }

    public static TestDatabase on(EmbeddedPostgresServer server) {
        return new TestDatabase(server);
    }

    public boolean isPostgres() {
        return postgres != null;
    }

    /** The JDBC URL for an engine whose home is {@code home}. */
    public String url(Path home) {
        return isPostgres() ? postgres.databaseFor(home) : Database.embeddedUrl(home);
    }

    /** {@code config} pointed at this database. */
    public EngineConfig configure(EngineConfig config) {
        return config.withDatabaseUrl(url(config.home()));
    }

    public Database open(Path home) {
        return Database.open(url(home), null, null, 2);
    }

    @Override
    public String toString() {
        return isPostgres() ? "PostgreSQL" : "H2";
    }
}
