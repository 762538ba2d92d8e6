package dev.freshet.engine.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new embedded database made from the baseline script without Flyway is one Flyway takes as its own: the same
 * history (checksum included), nothing to validate against, later migrations applied on top. {@link
 * BaselineMigrationTest} compares its schema with the versioned migrations'.
 */
class NewEmbeddedDatabaseTest {
    private static final String HISTORY = "SELECT CONCAT_WS(' | ', \"installed_rank\", \"version\", \"description\","
            + " \"type\", \"script\", \"checksum\", \"installed_by\", \"success\") FROM \"flyway_schema_history\""
            + " ORDER BY \"installed_rank\"";

    @Test
    void theHistoryIsTheOneFlywayWritesForTheBaseline(@TempDir Path dir) throws Exception {
        String made = Database.embeddedUrl(dir.resolve("made"));
        String byFlyway = "jdbc:h2:" + dir.resolve("flyway").resolve("freshet");
        Flyway.configure()
                .dataSource(byFlyway, "", "")
                .locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .load()
                .migrate();

        assertThat(NewEmbeddedDatabase.makeIfAbsent(made, null, null)).isTrue();

        assertThat(rows(made, HISTORY)).hasSize(2).isEqualTo(rows(byFlyway, HISTORY));
        try (Stream<Path> files = Files.list(dir.resolve("made").resolve("db"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .contains("freshet.mv.db")
                    .noneMatch(name -> name.contains(".new-"));
        }
    }

    @Test
    void flywayValidatesTheDatabaseAndAppliesALaterMigrationOnTop(@TempDir Path dir) throws Exception {
        String url = Database.embeddedUrl(dir);
        assertThat(NewEmbeddedDatabase.makeIfAbsent(url, null, null)).isTrue();
        Path later = Files.createDirectories(dir.resolve("later"));
        Files.writeString(later.resolve("V18__later.sql"), "CREATE TABLE later_table (id INT PRIMARY KEY);\n");

        Flyway flyway = Flyway.configure()
                .dataSource(url, "", "")
                .locations("classpath:db/migration/common", "classpath:db/migration/h2", "filesystem:" + later)
                .load();
        MigrateResult result = flyway.migrate(); // validates what is applied first: the baseline's checksum
        flyway.validate();

        assertThat(result.migrationsExecuted).isEqualTo(1);
        assertThat(result.targetSchemaVersion).isEqualTo("18");
        assertThat(rows(url, "SELECT COUNT(*) FROM later_table")).containsExactly("0");
    }

    @Test
    void anExistingDatabaseIsLeftAsItIsAndOtherUrlsAreNotTouched(@TempDir Path dir) throws Exception {
        String url = Database.embeddedUrl(dir);
        try (Database database = Database.open(url, null, null, 2)) {
            try (Connection connection = database.dataSource().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE kept (id INT)");
            }
        }

        assertThat(NewEmbeddedDatabase.makeIfAbsent(url, null, null)).isFalse();
        assertThat(rows(url, "SELECT COUNT(*) FROM kept")).containsExactly("0");
        assertThat(NewEmbeddedDatabase.basePath("jdbc:h2:mem:x")).isEmpty();
        // a user's own settings are Flyway's to apply: a user and password, a cipher, a compatibility mode
        assertThat(NewEmbeddedDatabase.basePath(url + ";PASSWORD=secret")).isEmpty();
        assertThat(NewEmbeddedDatabase.basePath(url.replace(";WRITE_DELAY=0", ";CIPHER=AES;WRITE_DELAY=0")))
                .isEmpty();
        assertThat(NewEmbeddedDatabase.basePath("jdbc:h2:async:" + dir.resolve("x") + ";MODE=PostgreSQL"))
                .isEmpty();
        assertThat(NewEmbeddedDatabase.basePath("jdbc:h2:async:relative/db")).isEmpty();
        assertThat(NewEmbeddedDatabase.basePath("jdbc:postgresql://localhost/freshet"))
                .isEmpty();
        assertThat(NewEmbeddedDatabase.basePath(Database.embeddedUrl(dir)))
                .contains(dir.toAbsolutePath().resolve("db").resolve("freshet"));
    }

    @Test
    void fourMakersAtOnceMakeOneDatabaseBetweenThem(@TempDir Path dir) throws Exception {
        String url = Database.embeddedUrl(dir);
        CyclicBarrier start = new CyclicBarrier(4);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<Boolean>> made = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Callable<Boolean> make = () -> {
                    start.await();
                    return NewEmbeddedDatabase.makeIfAbsent(url, null, null);
                };
                made.add(threads.submit(make));
            }
            long winners = 0;
            for (Future<Boolean> future : made) {
                winners += future.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
        try (Stream<Path> files = Files.list(dir.resolve("db"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("freshet.mv.db");
        }
        try (Database database = Database.open(url, null, null, 2, true)) {
            assertThat(database.dataSource()).isNotNull();
        }
    }

    @Test
    void aScratchFolderACrashLeftIsClearedOnceItIsAnHourOldAndAFreshOneIsLeftAlone(@TempDir Path dir) throws Exception {
        Path db = Files.createDirectories(dir.resolve("db"));
        Path abandoned = Files.createDirectory(db.resolve(NewEmbeddedDatabase.SCRATCH + "abandoned"));
        Files.writeString(abandoned.resolve("freshet.mv.db"), "half made");
        Files.setLastModifiedTime(
                abandoned,
                java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofHours(2))));
        Path another = Files.createDirectory(db.resolve(NewEmbeddedDatabase.SCRATCH + "another-maker"));

        assertThat(NewEmbeddedDatabase.makeIfAbsent(Database.embeddedUrl(dir), null, null))
                .isTrue();

        assertThat(abandoned).doesNotExist();
        assertThat(another).exists();
    }

    @Test
    void theBaselineIsTheOneScriptFlywayWouldRun() throws Exception {
        Path h2 = Path.of("src/main/resources/db/migration/h2");
        try (Stream<Path> scripts = Files.list(h2)) {
            assertThat(scripts.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("B")))
                    .containsExactly(NewEmbeddedDatabase.BASELINE_SCRIPT);
        }
        assertThat(NewEmbeddedDatabase.BASELINE_SCRIPT)
                .isEqualTo("B" + NewEmbeddedDatabase.BASELINE_VERSION + "__"
                        + NewEmbeddedDatabase.BASELINE_DESCRIPTION.replace(' ', '_') + ".sql");
    }

    private static List<String> rows(String url, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "", "");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
