package dev.freshet.engine.scheduling;

import dev.freshet.engine.Engine;
import dev.freshet.engine.EngineConfig;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunQuery;
import dev.freshet.engine.testdb.TestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** Engines in a temporary home for the scheduling tests, on H2 or on the test PostgreSQL. */
final class EngineSchedules {
    private EngineSchedules() {}

    /**
     * An engine whose state is under {@code home/state}; on H2, that is H2's {@code async:} file system (see
     * {@link dev.freshet.engine.store.Database#embeddedUrl}); on PostgreSQL, the database of that home.
     */
    static Engine start(TestDatabase database, Path home, Clock clock) {
        return Engine.start(database.configure(EngineConfig.defaults(home.resolve("state")))
                .withWorkflowsDir(home.resolve("workflows"))
                .withParallelism(4)
                .withClock(clock));
    }

    static void write(Path home, String id, String yaml) {
        try {
            Path dir = Files.createDirectories(home.resolve("workflows"));
            Files.writeString(dir.resolve(id + ".yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The workflow's runs, oldest logical date first. */
    static List<Run> runs(Engine engine, String workflowId) {
        return engine.runs().runs(new RunQuery(workflowId, null, null, 1000, 0)).runs().stream()
                .sorted(Comparator.comparing(Run::logicalDate))
                .toList();
    }

    /** Waits until every run of the workflow has ended, so that a restart starts from a settled history. */
    static void awaitAllEnded(Engine engine, String workflowId) {
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(30))
                .until(() -> runs(engine, workflowId).stream()
                        .allMatch(run -> run.state().isTerminal()));
    }
}
