package dev.freshet.engine;

import dev.freshet.engine.artifacts.ArtifactSettings;
import dev.freshet.engine.error.InvalidInputException;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * How to start an engine: its home folder (database, logs, artifacts), the database URL (null: embedded H2 in the
 * home), the workflows folder (null: none, e.g. for {@code freshet run FILE}), task parallelism, clustering, and
 * where artifacts go.
 */
public record EngineConfig(
        Path home,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        Path workflowsDir,
        int parallelism,
        boolean clustered,
        String schedulerName,
        ArtifactSettings artifacts,
        Clock clock) {
    public EngineConfig {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(artifacts, "artifacts");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(schedulerName, "schedulerName");
        home = home.toAbsolutePath().normalize();
        if (parallelism < 1) {
            throw new InvalidInputException("parallelism must be at least 1, was " + parallelism);
        }
    }

    /** Every node of a cluster uses the same name: Quartz's tables are keyed by it. */
    public static final String DEFAULT_SCHEDULER_NAME = "freshet";

    public EngineConfig withSchedulerName(String name) {
        return new EngineConfig(
                home,
                databaseUrl,
                databaseUser,
                databasePassword,
                workflowsDir,
                parallelism,
                clustered,
                name,
                artifacts,
                clock);
    }

    public static EngineConfig defaults(Path home) {
        return new EngineConfig(
                home,
                null,
                null,
                null,
                null,
                8,
                false,
                DEFAULT_SCHEDULER_NAME,
                ArtifactSettings.inHome(),
                Clock.systemUTC());
    }

    public EngineConfig withWorkflowsDir(Path dir) {
        return new EngineConfig(
                home,
                databaseUrl,
                databaseUser,
                databasePassword,
                dir,
                parallelism,
                clustered,
                schedulerName,
                artifacts,
                clock);
    }

    public EngineConfig withDatabaseUrl(String url) {
        return new EngineConfig(
                home,
                url,
                databaseUser,
                databasePassword,
                workflowsDir,
                parallelism,
                clustered,
                schedulerName,
                artifacts,
                clock);
    }

    public EngineConfig withClock(Clock newClock) {
        return new EngineConfig(
                home,
                databaseUrl,
                databaseUser,
                databasePassword,
                workflowsDir,
                parallelism,
                clustered,
                schedulerName,
                artifacts,
                newClock);
    }

    /** Clustered: Quartz shares its triggers with the other nodes on the same (PostgreSQL) database. */
    public EngineConfig withClustered(boolean on) {
        return new EngineConfig(
                home,
                databaseUrl,
                databaseUser,
                databasePassword,
                workflowsDir,
                parallelism,
                on,
                schedulerName,
                artifacts,
                clock);
    }

    public EngineConfig withParallelism(int threads) {
        return new EngineConfig(
                home,
                databaseUrl,
                databaseUser,
                databasePassword,
                workflowsDir,
                threads,
                clustered,
                schedulerName,
                artifacts,
                clock);
    }

    /** Where artifacts go ({@code FRESHET_ARTIFACT_ROOT} and the S3 client's environment). */
    public EngineConfig withArtifacts(ArtifactSettings settings) {
        return new EngineConfig(
                home,
                databaseUrl,
                databaseUser,
                databasePassword,
                workflowsDir,
                parallelism,
                clustered,
                schedulerName,
                settings,
                clock);
    }
}
