package dev.freshet.engine.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * H2's baseline migration ({@code db/migration/h2/B17__current_schema.sql}) builds a new database as V1..V17 build it,
 * and leaves a database with a history to the versioned migrations. PostgreSQL has no baseline script: its databases
 * are made once per installation, not per home.
 */
class BaselineMigrationTest {
    private static final String HISTORY = "flyway_schema_history";

    private static final String OURS = ours("");

    /** H2 names the index it makes for a constraint from its own counters: such names are not the schema's. */
    private static final String INDEX = "CASE WHEN I.IS_GENERATED THEN '(made for a constraint)' ELSE I.INDEX_NAME END";

    /**
     * What H2's INFORMATION_SCHEMA says of the schema, one query per view, each row one string. A constraint's index
     * is compared by its table, columns and kind.
     */
    private static final Map<String, String> DESCRIPTION = Map.of(
            "TABLES",
            "SELECT CONCAT_WS(' | ', TABLE_NAME, TABLE_TYPE) FROM INFORMATION_SCHEMA.TABLES WHERE " + OURS,
            "COLUMNS",
            "SELECT CONCAT_WS(' | ', TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, COLUMN_DEFAULT, IS_NULLABLE,"
                    + " DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION,"
                    + " IS_IDENTITY, IDENTITY_GENERATION, IDENTITY_START, IDENTITY_INCREMENT, IS_GENERATED,"
                    + " GENERATION_EXPRESSION) FROM INFORMATION_SCHEMA.COLUMNS WHERE " + OURS,
            "INDEX_COLUMNS",
            "SELECT CONCAT_WS(' | ', I.TABLE_NAME, " + INDEX + ", I.INDEX_TYPE_NAME, C.COLUMN_NAME,"
                    + " C.ORDINAL_POSITION, C.ORDERING_SPECIFICATION, C.NULL_ORDERING, C.IS_UNIQUE)"
                    + " FROM INFORMATION_SCHEMA.INDEXES I JOIN INFORMATION_SCHEMA.INDEX_COLUMNS C"
                    + " ON C.INDEX_SCHEMA = I.INDEX_SCHEMA AND C.INDEX_NAME = I.INDEX_NAME WHERE " + ours("I."),
            "TABLE_CONSTRAINTS",
            "SELECT CONCAT_WS(' | ', T.TABLE_NAME, T.CONSTRAINT_NAME, T.CONSTRAINT_TYPE, T.NULLS_DISTINCT,"
                    + " " + INDEX + ") FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS T"
                    + " LEFT JOIN INFORMATION_SCHEMA.INDEXES I"
                    + " ON I.INDEX_SCHEMA = T.INDEX_SCHEMA AND I.INDEX_NAME = T.INDEX_NAME WHERE " + ours("T."),
            "KEY_COLUMN_USAGE",
            "SELECT CONCAT_WS(' | ', TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, ORDINAL_POSITION,"
                    + " POSITION_IN_UNIQUE_CONSTRAINT) FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE WHERE " + OURS,
            "REFERENTIAL_CONSTRAINTS",
            "SELECT CONCAT_WS(' | ', CONSTRAINT_NAME, UNIQUE_CONSTRAINT_NAME, MATCH_OPTION, UPDATE_RULE, DELETE_RULE)"
                    + " FROM INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = 'PUBLIC'",
            "CHECK_CONSTRAINTS",
            "SELECT CONCAT_WS(' | ', CONSTRAINT_NAME, CHECK_CLAUSE) FROM INFORMATION_SCHEMA.CHECK_CONSTRAINTS"
                    + " WHERE CONSTRAINT_SCHEMA = 'PUBLIC'",
            "SEQUENCES",
            "SELECT CONCAT_WS(' | ', SEQUENCE_NAME, START_VALUE, INCREMENT, MINIMUM_VALUE, MAXIMUM_VALUE)"
                    + " FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_SCHEMA = 'PUBLIC'");

    @Test
    void aNewDatabaseGetsTheBaselineAndTheSchemaTheVersionedMigrationsBuild(@TempDir Path dir) throws Exception {
        String stepByStep = Database.embeddedUrl(dir.resolve("versioned"));
        VersionedMigrations.migrate(stepByStep, false, null, dir);

        try (Database baselined = Database.open(Database.embeddedUrl(dir.resolve("baselined")), null, null, 2);
                Database versioned = Database.open(stepByStep, null, null, 2)) {
            assertThat(history(baselined)).containsExactly("17 SQL_BASELINE B17__current_schema.sql");
            assertThat(history(versioned))
                    .hasSize(Database.LATEST_MIGRATION - 1)
                    .allMatch(row -> row.contains(" SQL "));
            for (String view : DESCRIPTION.keySet()) {
                assertThat(describe(baselined, view)).as(view).isEqualTo(describe(versioned, view));
            }
            assertThat(contents(baselined)).isEqualTo(contents(versioned)).containsKey("QRTZ_LOCKS");
        }
    }

    @Test
    void aDatabaseWithAHistoryIsBroughtUpToDateByTheVersionedMigrations(@TempDir Path dir) throws Exception {
        String url = Database.embeddedUrl(dir.resolve("older"));
        VersionedMigrations.migrate(url, false, 16, dir);

        try (Database upgraded = Database.open(url, null, null, 2)) {
            assertThat(history(upgraded))
                    .noneMatch(row -> row.contains("BASELINE"))
                    .contains("17 SQL V17__prediction_segments_binary.sql");
        }
    }

    private static List<String> history(Database database) throws SQLException {
        return rows(
                database,
                "SELECT \"version\" || ' ' || \"type\" || ' ' || \"script\" FROM \"" + HISTORY
                        + "\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"");
    }

    /** The rows of a view that speak of our tables, not Flyway's; {@code alias} names the view in a join. */
    private static String ours(String alias) {
        return alias + "TABLE_SCHEMA = 'PUBLIC' AND " + alias + "TABLE_NAME <> '" + HISTORY + "'";
    }

    private static List<String> describe(Database database, String view) throws SQLException {
        return rows(database, DESCRIPTION.get(view) + " ORDER BY 1");
    }

    /** Every row of every table but Flyway's: what the migrations insert. */
    private static Map<String, List<String>> contents(Database database) throws SQLException {
        Map<String, List<String>> contents = new TreeMap<>();
        for (String table : rows(database, "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE " + OURS)) {
            List<String> rows = new ArrayList<>();
            try (Connection connection = database.dataSource().getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
                ResultSetMetaData meta = result.getMetaData();
                while (result.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.append(result.getString(i)).append('|');
                    }
                    rows.add(row.toString());
                }
            }
            if (!rows.isEmpty()) {
                contents.put(table, rows.stream().sorted().toList());
            }
        }
        assertThat(contents.keySet()).isSubsetOf(Set.of("QRTZ_LOCKS"));
        return contents;
    }

    private static List<String> rows(Database database, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
