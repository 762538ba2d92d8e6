package dev.freshet.engine.store;

import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Builds a database as an older build left it: the versioned migrations up to a version, one by one. Flyway runs a
 * baseline script ({@code B17__…}) instead of them on an empty database whatever the target, so the versioned scripts
 * are copied to a folder of their own first.
 */
public final class VersionedMigrations {
    private VersionedMigrations() {}

    /** Migrates the empty database at {@code url} to {@code version} (or to the latest when null). */
    public static void migrate(String url, boolean postgres, Integer version, Path scratch) {
        var flyway = Flyway.configure().dataSource(url, null, null).locations("filesystem:" + copy(postgres, scratch));
        if (version != null) {
            flyway.target(String.valueOf(version));
        }
        flyway.load().migrate();
    }

    private static Path copy(boolean postgres, Path scratch) {
        try {
            Path target = Files.createTempDirectory(scratch, "versioned-migrations");
            for (String folder : new String[] {"common", postgres ? "postgresql" : "h2"}) {
                Path source = Path.of(VersionedMigrations.class
                        .getResource("/db/migration/" + folder)
                        .toURI());
                try (Stream<Path> files = Files.list(source)) {
                    for (Path file : files.toList()) {
                        if (file.getFileName().toString().startsWith("V")) {
                            Files.copy(file, target.resolve(file.getFileName()));
                        }
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
