package dev.freshet.engine.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Makes a new embedded H2 database ({@link Database#embeddedUrl}) from the baseline script without Flyway: H2 runs
 * the script itself, and Flyway's history gets the very rows Flyway writes for it (the script's checksum included), so
 * that Flyway takes the database as one it made and applies later migrations on top. Flyway's start-up (its plugins,
 * the scan of the class path, its SQL parser) took most of a short {@code freshet run} in a new home: about 1.2 s cold
 * against 0.2 s for H2's own run of the same script.
 *
 * <p>The database is made in a file of its own beside the target and linked into place only when complete, so a
 * crash leaves no half-made database behind and two processes opening the same new home make one database between
 * them. Anything that does not go as planned leaves the target absent and the work to Flyway, as before.
 */
final class NewEmbeddedDatabase {
    private static final Logger LOG = LoggerFactory.getLogger(NewEmbeddedDatabase.class);

    /** The baseline script Flyway would run for a new H2 database ({@code NewEmbeddedDatabaseTest} checks it is the latest). */
    static final String BASELINE_VERSION = "17";

    static final String BASELINE_SCRIPT = "B17__current_schema.sql";
    static final String BASELINE_DESCRIPTION = "current schema";
    static final String BASELINE_RESOURCE = "db/migration/h2/" + BASELINE_SCRIPT;

    private static final String PREFIX = "jdbc:h2:async:";
    private static final String FILE_SUFFIX = ".mv.db";

    /** Flyway's history table as Flyway 11 makes it on H2. */
    private static final String HISTORY_TABLE = """
            CREATE TABLE "PUBLIC"."flyway_schema_history" (
                "installed_rank" INT NOT NULL,
                "version" VARCHAR(50),
                "description" VARCHAR(200) NOT NULL,
                "type" VARCHAR(20) NOT NULL,
                "script" VARCHAR(1000) NOT NULL,
                "checksum" INT,
                "installed_by" VARCHAR(100) NOT NULL,
                "installed_on" TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL,
                "execution_time" INT NOT NULL,
                "success" BOOLEAN NOT NULL,
                CONSTRAINT "flyway_schema_history_pk" PRIMARY KEY ("installed_rank")
            )""";

    private static final String HISTORY_INDEX =
            "CREATE INDEX \"PUBLIC\".\"flyway_schema_history_s_idx\" ON \"PUBLIC\".\"flyway_schema_history\" (\"success\")";

    private static final String HISTORY_ROW = "INSERT INTO \"PUBLIC\".\"flyway_schema_history\" (\"installed_rank\","
            + " \"version\", \"description\", \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\","
            + " \"success\") VALUES (?, ?, ?, ?, ?, ?, ?, ?, TRUE)";

    private NewEmbeddedDatabase() {}

    /**
     * Makes the database {@code jdbcUrl} names when it is an embedded one whose file does not exist yet; returns
     * whether this call made it.
     */
    static boolean makeIfAbsent(String jdbcUrl, String user, String password) {
        Optional<Path> base = basePath(jdbcUrl);
        if (base.isEmpty() || Files.exists(file(base.get()))) {
            return false;
        }
        Path target = file(base.get());
        Path scratch = base.get().resolveSibling(base.get().getFileName() + ".new-" + UUID.randomUUID());
        try {
            Files.createDirectories(target.getParent());
            build(scratch, user == null ? "" : user, password == null ? "" : password);
            Files.createLink(target, file(scratch)); // fails, rather than replaces, when another process won
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException | SQLException | UncheckedIOException | UnsupportedOperationException e) {
            LOG.debug("could not make {} from the baseline script; Flyway will: {}", target, e.toString());
            return false;
        } finally {
            deleteQuietly(file(scratch));
            deleteQuietly(scratch.resolveSibling(scratch.getFileName() + ".trace.db"));
        }
    }

    /** The database's path without H2's suffix, for a URL of {@link Database#embeddedUrl}'s form. */
    static Optional<Path> basePath(String jdbcUrl) {
        if (!jdbcUrl.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int end = jdbcUrl.indexOf(';');
        String path = jdbcUrl.substring(PREFIX.length(), end < 0 ? jdbcUrl.length() : end);
        if (!path.startsWith("/")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(path));
    }

    private static Path file(Path base) {
        return base.resolveSibling(base.getFileName() + FILE_SUFFIX);
    }

    private static void build(Path scratch, String user, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:" + scratch, user, password);
                Statement statement = connection.createStatement()) {
            long start = System.nanoTime();
            statement.execute("RUNSCRIPT FROM 'classpath:/" + BASELINE_RESOURCE + "'");
            int millis = (int) ((System.nanoTime() - start) / 1_000_000);
            String installedBy;
            try (var current = statement.executeQuery("SELECT CURRENT_USER")) {
                current.next();
                installedBy = current.getString(1); // as Flyway records it
            }
            statement.execute(HISTORY_TABLE);
            statement.execute(HISTORY_INDEX);
            try (PreparedStatement row = connection.prepareStatement(HISTORY_ROW)) {
                history(row, -1, null, "<< Flyway Schema History table created >>", "TABLE", "", null, installedBy, 0);
                history(
                        row,
                        1,
                        BASELINE_VERSION,
                        BASELINE_DESCRIPTION,
                        "SQL_BASELINE",
                        BASELINE_SCRIPT,
                        checksum(BASELINE_RESOURCE),
                        installedBy,
                        millis);
            }
            statement.execute("SHUTDOWN");
        }
    }

    private static void history(
            PreparedStatement row,
            int rank,
            String version,
            String description,
            String type,
            String script,
            Integer checksum,
            String user,
            int millis)
            throws SQLException {
        row.setInt(1, rank);
        row.setString(2, version);
        row.setString(3, description);
        row.setString(4, type);
        row.setString(5, script);
        row.setObject(6, checksum);
        row.setString(7, user);
        row.setInt(8, millis);
        row.executeUpdate();
    }

    /** Flyway's checksum of a script: CRC-32 of its lines' UTF-8 bytes without their line breaks, a BOM dropped. */
    static int checksum(String resource) {
        CRC32 crc = new CRC32();
        try (InputStream in = NewEmbeddedDatabase.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException(resource + " is not on the class path"));
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            boolean first = true;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (first && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                first = false;
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (int) crc.getValue();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("could not delete {}: {}", file, e.toString());
        }
    }
}
