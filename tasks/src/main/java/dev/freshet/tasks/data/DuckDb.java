package dev.freshet.tasks.data;

import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.error.InvalidInputException;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An embedded DuckDB engine for one data-path step: reads CSV and Parquet in parallel and writes Parquet. Each
 * instance is its own in-memory database, spilling to a private temporary folder so that native memory stays
 * bounded ({@value #MEMORY_LIMIT}) whatever the number of rows; results are streamed, never materialised.
 */
public final class DuckDb implements AutoCloseable {

    /** DuckDB's own memory (outside the Java heap); larger intermediate results spill to the temporary folder. */
    static final String MEMORY_LIMIT = "1GB";

    private final DuckDBConnection connection;
    private final Path tempDir;

    private DuckDb(DuckDBConnection connection, Path tempDir) {
        this.connection = connection;
        this.tempDir = tempDir;
    }

    public static DuckDb open() {
        Path tempDir = null;
        try {
            tempDir = Files.createTempDirectory("freshet-duckdb");
            Properties properties = new Properties();
            properties.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true");
            Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties);
            DuckDb db = new DuckDb(connection.unwrap(DuckDBConnection.class), tempDir);
            db.execute("SET memory_limit = '" + MEMORY_LIMIT + "'");
            db.execute("SET temp_directory = " + literal(tempDir.toString()));
            db.execute("SET preserve_insertion_order = true");
            db.execute("SET enable_progress_bar = true");
            db.execute("SET enable_progress_bar_print = false");
            return db;
        } catch (SQLException | IOException e) {
            deleteQuietly(tempDir);
            throw new FreshetException("cannot start the embedded DuckDB engine: " + e.getMessage(), e);
        }
    }

    public DuckDBConnection connection() {
        return connection;
    }

    public void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Runs a query and maps its single-row result. */
    public <T> T queryOne(String sql, SqlFunction<ResultSet, T> mapper) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            if (!rows.next()) {
                throw new SQLException("no result from " + sql);
            }
            return mapper.apply(rows);
        }
    }

    /** The column names and DuckDB types of a relation, e.g. {@code read_parquet('x.parquet')}. */
    public List<Column> describe(String relation) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("DESCRIBE SELECT * FROM " + relation)) {
            while (rows.next()) {
                columns.add(new Column(rows.getString("column_name"), rows.getString("column_type")));
            }
        }
        return columns;
    }

    /** A column's name and DuckDB type. */
    public record Column(String name, String type) {
        /** Whether values of the type are numbers that convert to a double. */
        public boolean numeric() {
            String t = type.toUpperCase(Locale.ROOT);
            return t.matches("(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|DOUBLE|FLOAT|REAL|DECIMAL.*|BOOLEAN)");
        }
    }

    public interface SqlFunction<A, B> {
        B apply(A value) throws SQLException;
    }

    /** A SQL string literal. */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** A quoted SQL identifier. */
    public static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** A SQL list of string literals, e.g. {@code ['a.csv', 'b.csv']}. */
    public static String list(List<Path> files) {
        return files.stream().map(f -> literal(f.toString())).collect(Collectors.joining(", ", "[", "]"));
    }

    public static String columnList(List<String> names, Function<String, String> each) {
        return names.stream().map(each).collect(Collectors.joining(", "));
    }

    /** A DuckDB error as an input error of the file it concerns. */
    static InvalidInputException inputError(String what, SQLException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage().strip();
        return new InvalidInputException(what + ": " + message, e);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing an in-memory database cannot lose anything
        } finally {
            deleteQuietly(tempDir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
