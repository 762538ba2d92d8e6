package dev.freshet.engine.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.freshet.engine.error.FreshetException;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The one database of a Freshet installation: a pooled {@link DataSource} shared by our tables and Quartz's, migrated
 * by Flyway on open. Embedded H2 by default; PostgreSQL when the URL says so.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final SQLDialect dialect;
    private final DSLContext dsl;

    private Database(HikariDataSource dataSource, SQLDialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.dsl = DSL.using(
                dataSource,
                dialect,
                new Settings().withRenderQuotedNames(RenderQuotedNames.NEVER).withExecuteLogging(false));
    }

    /**
     * The embedded H2 file database under {@code home}. WRITE_DELAY=0 writes every commit to the file before the
     * commit returns, so a kill -9 loses nothing that was committed (H2's default delays writes by 500 ms). The
     * {@code async:} file system is not closed by thread interruption, which Quartz's shutdown and task timeouts use;
     * H2's plain file channel closes the whole database when a thread writing to it is interrupted.
     */
    public static String embeddedUrl(Path home) {
        return "jdbc:h2:async:" + home.toAbsolutePath().resolve("db").resolve("freshet")
                + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000;WRITE_DELAY=0";
    }

    public static Database open(String jdbcUrl, String user, String password, int poolSize) {
        return open(jdbcUrl, user, password, poolSize, false);
    }

    /**
     * The highest migration version under {@code db/migration}: a database whose Flyway history reaches it needs no
     * migration (DatabaseTest keeps the two in step).
     */
    static final int LATEST_MIGRATION = 17;

    /**
     * Opens the database; with {@code skipWhenCurrent}, Flyway runs only when the history table is missing or
     * behind {@link #LATEST_MIGRATION}: a command that only reads then starts without Flyway's scan and validation of
     * the migrations.
     */
    public static Database open(String jdbcUrl, String user, String password, int poolSize, boolean skipWhenCurrent) {
        SQLDialect dialect = dialectOf(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("freshet");
        config.setAutoCommit(true);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new FreshetException("cannot open database " + redact(jdbcUrl) + ": " + rootMessage(e), e);
        }
        try {
            if (skipWhenCurrent && isCurrent(dataSource)) {
                return new Database(dataSource, dialect);
            }
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations(
                            "classpath:db/migration/common",
                            "classpath:db/migration/" + (dialect == SQLDialect.POSTGRES ? "postgresql" : "h2"))
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw new FreshetException("cannot migrate database " + redact(jdbcUrl) + ": " + rootMessage(e), e);
        }
        return new Database(dataSource, dialect);
    }

    private static boolean isCurrent(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet versions = statement.executeQuery(
                        "SELECT \"version\", \"success\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL")) {
            int latest = 0;
            while (versions.next()) {
                if (!versions.getBoolean(2)) {
                    return false;
                }
                latest = Math.max(latest, Integer.parseInt(versions.getString(1)));
            }
            return latest >= LATEST_MIGRATION;
        } catch (SQLException | NumberFormatException e) {
            return false; // no history yet, or one Flyway must judge
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public SQLDialect dialect() {
        return dialect;
    }

    public boolean isPostgres() {
        return dialect == SQLDialect.POSTGRES;
    }

    DSLContext dsl() {
        return dsl;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    static SQLDialect dialectOf(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return SQLDialect.H2;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return SQLDialect.POSTGRES;
        }
        throw new FreshetException(
                "database URL " + redact(jdbcUrl) + ": only jdbc:h2: and jdbc:postgresql: are supported");
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
