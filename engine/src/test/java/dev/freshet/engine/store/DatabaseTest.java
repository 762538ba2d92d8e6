package dev.freshet.engine.store;

import dev.freshet.engine.testdb.TestDatabase;
import dev.freshet.engine.testdb.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Migrating a fresh database; opening without migrating trusts {@link Database#LATEST_MIGRATION}. */
@ExtendWith(TestDatabases.class)
class DatabaseTest {
    private static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");

    static TestDatabase database;

    @BeforeAll
    static void pick(TestDatabase testDatabase) {
        database = testDatabase;
    }

    @Test
    void latestMigrationIsTheHighestVersionOfTheMigrationFiles() throws Exception {
        assertThat(Database.LATEST_MIGRATION).isEqualTo(highestVersionBelow(Integer.MAX_VALUE));
    }

    @Test
    void openingForReadingMigratesAFreshDatabaseAndTrustsACurrentOne(@TempDir Path home) {
        for (int open = 0; open < 2; open++) {
            try (Database opened = Database.open(database.url(home), null, null, 2, true)) {
                assertThat(new JooqRunStore(opened, Clock.systemUTC()).runsEndedSince(Instant.EPOCH, 10))
                        .isEmpty();
            }
        }
    }

    @Test
    void aMigratedDatabaseHoldsQuartzsLockRowsSoThatNodesStartingAtOnceOnlyLockThem(@TempDir Path home)
            throws Exception {
        try (Database opened = database.open(home);
                Connection connection = opened.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("SELECT SCHED_NAME, LOCK_NAME FROM QRTZ_LOCKS ORDER BY LOCK_NAME")) {
            List<String> locks = new ArrayList<>();
            while (rows.next()) {
                locks.add(rows.getString(1) + "/" + rows.getString(2));
            }
            assertThat(locks).containsExactly("freshet/STATE_ACCESS", "freshet/TRIGGER_ACCESS");
        }
    }

    @Test
    void upgradingADatabaseWhoseLockRowsQuartzAlreadyInsertedKeepsThem(@TempDir Path home) throws Exception {
        String url = database.url(home);
        VersionedMigrations.migrate(url, database.isPostgres(), highestVersionBelow(8), home);
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate(
                    "INSERT INTO QRTZ_LOCKS (SCHED_NAME, LOCK_NAME) VALUES ('freshet', 'TRIGGER_ACCESS')");
        }

        try (Database opened = database.open(home);
                Connection connection = opened.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM QRTZ_LOCKS")) {
            count.next();
            assertThat(count.getInt(1)).isEqualTo(2);
        }
    }

    static int highestVersionBelow(int limit) throws Exception {
        int highest = 0;
        for (String folder : new String[] {"common", "h2", "postgresql"}) {
            try (Stream<Path> files = Files.list(resource("/db/migration/" + folder))) {
                for (Path file : files.toList()) {
                    Matcher m = VERSION.matcher(file.getFileName().toString());
                    if (m.matches() && Integer.parseInt(m.group(1)) < limit) {
                        highest = Math.max(highest, Integer.parseInt(m.group(1)));
                    }
                }
            }
        }
        return highest;
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(DatabaseTest.class.getResource(name).toURI());
    }
}
