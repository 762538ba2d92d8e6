package dev.freshet.engine.testdb;

import dev.freshet.engine.EngineConfig;
import dev.freshet.engine.store.Database;

import java.nio.file.Path;

/** The database a test class runs on: embedded H2 in the engine's home, or a fresh database on the test PostgreSQL. */
public record TestDatabase(Kind kind, String postgresUrl) {
    public enum Kind { H2, POSTGRES }

    public static TestDatabase h2() {
        return new TestDatabase(Kind.H2, null);
    }

    public static TestDatabase postgres(String url) {
        return new TestDatabase(Kind.POSTGRES, url);
    }

    public boolean isPostgres() {
        return kind == Kind.POSTGRES;
    }

    /** The JDBC URL for an engine whose home is {@code home}. */
    public String url(Path home) {
        return isPostgres() ? postgresUrl : Database.embeddedUrl(home);
    }

    /** {@code config} pointed at this database. */
    public EngineConfig configure(EngineConfig config) {
        return config.withDatabaseUrl(url(config.home()));
    }

    public Database open(Path home) {
        return Database.open(url(home), null, null, 2);
    }
}
