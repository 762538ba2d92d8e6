package dev.freshet.engine;

import dev.freshet.engine.store.Database;
import dev.freshet.engine.testdb.TestDatabase;
import dev.freshet.engine.testdb.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the engine of {@code freshet run} opens its database: Flyway migrates one that is new or behind, and leaves a
 * current one alone; the server's engine still has Flyway validate it. On H2 here, on PostgreSQL in
 * {@link StandaloneOpeningOnPostgresTest}.
 */
@ExtendWith(TestDatabases.class)
class StandaloneOpeningTest {
    static TestDatabase database;

    @BeforeAll
    static void pick(TestDatabase testDatabase) {
        database = testDatabase;
    }

    @Test
    void aRunOnACurrentDatabaseLeavesFlywayOutWhileTheServerStillHasItValidate(@TempDir Path home) {
        database.open(home).close();

        try (CapturedLog flyway = CapturedLog.named("org.flywaydb")) {
            Engine.startStandalone(config(home)).close();
            assertThat(flyway.messages()).isEmpty();

            Engine.start(config(home)).close();
            assertThat(flyway.messages()).anyMatch(message -> message.contains("validated"));
        }
    }

    @Test
    void aRunOnANewDatabaseMigratesIt(@TempDir Path home) throws Exception {
        Engine.startStandalone(config(home)).close();

        try (Database opened = Database.open(database.url(home), null, null, 1, true);
                Connection connection = opened.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet runs = statement.executeQuery("SELECT COUNT(*) FROM runs")) {
            runs.next();
            assertThat(runs.getInt(1)).isZero();
        }
    }

    @Test
    void aDatabaseANewerBuildMigratedOpensForARunAsForTheServer(@TempDir Path home) throws Exception {
        database.open(home).close();
        execute(home, """
                INSERT INTO "flyway_schema_history" ("installed_rank", "version", "description", "type", "script",
                    "checksum", "installed_by", "execution_time", "success")
                VALUES (1000, '999', 'from a newer build', 'SQL', 'V999__newer.sql', 0, 'test', 0, TRUE)
                """);

        try (Engine engine = Engine.startStandalone(config(home))) {
            assertThat(engine.runs()).isNotNull();
        }
        try (Engine engine = Engine.start(config(home))) {
            assertThat(engine.runs()).isNotNull();
        }
    }

    private static EngineConfig config(Path home) {
        return database.configure(EngineConfig.defaults(home));
    }

    private static void execute(Path home, String sql) throws Exception {
        try (Database opened = Database.open(database.url(home), null, null, 1, true);
                Connection connection = opened.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }
}
