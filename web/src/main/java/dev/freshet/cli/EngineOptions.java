package dev.freshet.cli;

import dev.freshet.engine.EngineConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;

/** Where the engine lives: shared by every command that opens it. Environment variables give the defaults. */
final class EngineOptions {
    @Option(names = "--home", description = "Home folder: database, logs, artifacts (env FRESHET_HOME; default ./.freshet)")
    Path home;

    @Option(names = "--db", description = "JDBC URL of the database (env FRESHET_DB_URL; default: embedded H2 in the home)")
    String databaseUrl;

    @Option(names = "--workflows", description = "Folder of workflow files (default ./workflows)")
    Path workflows;

    @Option(names = "--parallelism", defaultValue = "8", description = "Tasks run at once by this process (default 8)")
    int parallelism;

    Path home() {
        if (home != null) {
            return home;
        }
        String env = System.getenv("FRESHET_HOME");
        return Path.of(env != null && !env.isBlank() ? env : ".freshet");
    }

    EngineConfig config() {
        String url = databaseUrl != null ? databaseUrl : blankToNull(System.getenv("FRESHET_DB_URL"));
        Path dir = workflows != null ? workflows : Path.of("workflows");
        return new EngineConfig(home(), url, blankToNull(System.getenv("FRESHET_DB_USER")),
                blankToNull(System.getenv("FRESHET_DB_PASSWORD")), dir.toAbsolutePath().normalize(), parallelism,
                Boolean.parseBoolean(System.getenv("FRESHET_CLUSTERED")), EngineConfig.DEFAULT_SCHEDULER_NAME,
                Clock.systemUTC());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
