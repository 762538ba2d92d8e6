package dev.freshet.cli;

import dev.freshet.engine.EngineConfig;
import dev.freshet.engine.artifacts.ArtifactSettings;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Where the engine's state lives: the options of every command that opens the database. Environment variables give
 * the defaults. Commands that read workflow files add {@link CatalogOptions}; commands that run tasks
 * {@link EngineOptions}.
 */
class StoreOptions {
    @Option(
            names = "--home",
            description =
                    "Home folder: database, logs, artifacts, the artifact cache (env FRESHET_HOME; default ./.freshet); "
                            + "artifacts elsewhere: env FRESHET_ARTIFACT_ROOT (file:/PATH or s3://BUCKET/PREFIX)")
    Path home;

    @Option(
            names = "--db",
            description = "JDBC URL of the database (env FRESHET_DB_URL; default: embedded H2 in the home)")
    String databaseUrl;

    Path home() {
        if (home != null) {
            return home;
        }
        String env = System.getenv("FRESHET_HOME");
        return Path.of(env != null && !env.isBlank() ? env : ".freshet");
    }

    /** The workflows folder these options name; none for commands that do not read workflow files. */
    Path workflowsDir() {
        return null;
    }

    int parallelism() {
        return 8;
    }

    EngineConfig config() {
        String url = databaseUrl != null ? databaseUrl : blankToNull(System.getenv("FRESHET_DB_URL"));
        Path dir = workflowsDir();
        return new EngineConfig(
                home(),
                url,
                blankToNull(System.getenv("FRESHET_DB_USER")),
                blankToNull(System.getenv("FRESHET_DB_PASSWORD")),
                dir == null ? null : dir.toAbsolutePath().normalize(),
                parallelism(),
                Boolean.parseBoolean(System.getenv("FRESHET_CLUSTERED")),
                EngineConfig.DEFAULT_SCHEDULER_NAME,
                ArtifactSettings.fromEnvironment(System.getenv()),
                Clock.systemUTC());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
