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
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Makes a new embedded H2 database ({@link Database#embeddedUrl}) from the baseline script without Flyway: H2 runs
 * the script itself, and Flyway's history gets the very rows Flyway writes for it (the script's checksum included), so
 * that Flyway takes the database as one it made and applies later migrations on top. Flyway's start-up (its plugins,
 * the scan of the class path, its SQL parser) took most of a short {@code freshet run} in a new home: about 1.2 s cold
 * against 0.2 s for H2's own run of the same script.
 *
 * <p>The database is made in a scratch folder beside the target and linked into place only when complete, so a
 * crash leaves no half-made database behind and two processes opening the same new home make one database between
 * them. Only a URL exactly of {@link Database#embeddedUrl}'s form is made here: a user's own settings (a user and
 * password in the URL, a cipher, a compatibility mode) are Flyway's to apply. Anything that does not go as planned
 * leaves the target absent and the work to Flyway, as before.
 */
final class NewEmbeddedDatabase {
    private static final Logger LOG = LoggerFactory.getLogger(NewEmbeddedDatabase.class);

    /** The baseline script Flyway would run for a new H2 database ({@code NewEmbeddedDatabaseTest} checks it is the latest). */
    static final String BASELINE_VERSION = "17";

    static final String BASELINE_SCRIPT = "B17__current_schema.sql";
    static final String BASELINE_DESCRIPTION = "current schema";
    static final String BASELINE_RESOURCE = "db/migration/h2/" + BASELINE_SCRIPT;

    private static final String FILE_SUFFIX = ".mv.db";

    /** The start of a scratch folder's name, beside the database file. */
    static final String SCRATCH = ".new-";

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
     * Makes the database {@code jdbcUrl} names when it is one {@link Database#embeddedUrl} gives (any other URL, with
     * settings of a user's own, goes to Flyway) and its file does not exist yet; returns whether this call made it.
     */
    static boolean makeIfAbsent(String jdbcUrl, String user, String password) {
        Path scratchDir = null;
        try {
            Optional<Path> base = basePath(jdbcUrl);
            if (base.isEmpty() || Files.exists(file(base.get()))) {
                return false;
            }
            Path target = file(base.get());
            Path parent = Files.createDirectories(target.getParent());
            clearAbandoned(parent);
            scratchDir = Files.createDirectory(parent.resolve(SCRATCH + UUID.randomUUID()));
            Path scratch = scratchDir.resolve("freshet");
            build(scratch, user == null ? "" : user, password == null ? "" : password);
            Files.createLink(target, file(scratch)); // fails, rather than replaces, when another process won
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException | SQLException | RuntimeException e) {
            LOG.debug(
                    "could not make the database of {} from the baseline script; Flyway will: {}",
                    jdbcUrl,
                    e.toString());
            return false;
        } finally {
            if (scratchDir != null) {
                deleteTree(scratchDir);
            }
        }
    }

    /** The database's path without H2's suffix, for a URL exactly of {@link Database#embeddedUrl}'s form. */
    static Optional<Path> basePath(String jdbcUrl) {
        if (!jdbcUrl.startsWith(Database.EMBEDDED_PREFIX) || !jdbcUrl.endsWith(Database.EMBEDDED_SETTINGS)) {
            return Optional.empty();
        }
        String path = jdbcUrl.substring(
                Database.EMBEDDED_PREFIX.length(), jdbcUrl.length() - Database.EMBEDDED_SETTINGS.length());
        if (!path.startsWith("/") || path.indexOf(';') >= 0) {
            return Optional.empty();
        }
        return Optional.of(Path.of(path));
    }

    private static Path file(Path base) {
        return base.resolveSibling(base.getFileName() + FILE_SUFFIX);
    }

    /**
     * Scratch folders of makers that stopped before cleaning up (a crash): any older than an hour. A maker's own is
     * gone within seconds, so one that old is nobody's.
     */
    private static void clearAbandoned(Path parent) throws IOException {
        Instant before = Instant.now().minus(Duration.ofHours(1));
        try (Stream<Path> entries = Files.list(parent)) {
            entries.filter(p -> p.getFileName().toString().startsWith(SCRATCH))
                    .filter(p -> modifiedBefore(p, before))
                    .forEach(NewEmbeddedDatabase::deleteTree);
        }
    }

    private static boolean modifiedBefore(Path path, Instant before) {
        try {
            return Files.getLastModifiedTime(path).toInstant().isBefore(before);
        } catch (IOException e) {
            return false;
        }
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

    /** Deletes a scratch folder and what H2 left in it (the file, its lock and trace files); a link stays valid. */
    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("could not delete {}: {}", dir, e.toString());
        }
    }
}
