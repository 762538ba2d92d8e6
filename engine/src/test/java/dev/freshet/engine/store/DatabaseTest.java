package dev.freshet.engine.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Opening without migrating trusts {@link Database#LATEST_MIGRATION}: it must name the newest migration. */
class DatabaseTest {
    private static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");

    @Test
    void latestMigrationIsTheHighestVersionOfTheMigrationFiles() throws Exception {
        int highest = 0;
        for (String folder : new String[] {"common", "h2", "postgresql"}) {
            try (Stream<Path> files = Files.list(resource("/db/migration/" + folder))) {
                for (Path file : files.toList()) {
                    Matcher m = VERSION.matcher(file.getFileName().toString());
                    if (m.matches()) {
                        highest = Math.max(highest, Integer.parseInt(m.group(1)));
                    }
                }
            }
        }
        assertThat(Database.LATEST_MIGRATION).isEqualTo(highest);
    }

    @Test
    void openingForReadingMigratesAFreshDatabaseAndTrustsACurrentOne(@TempDir Path home) {
        for (int open = 0; open < 2; open++) {
            try (Database database = Database.open(Database.embeddedUrl(home), null, null, 2, true)) {
                assertThat(new JooqRunStore(database, Clock.systemUTC()).runsEndedSince(Instant.EPOCH, 10)).isEmpty();
            }
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(DatabaseTest.class.getResource(name).toURI());
    }
}
