package dev.freshet.engine.scheduling;

import dev.freshet.engine.Engine;
import dev.freshet.engine.EngineConfig;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunQuery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** Engines on H2 in a temporary home for the scheduling tests. */
final class EngineSchedules {
    private EngineSchedules() {
    }

    /**
     * An engine on H2's {@code async:} file system: Quartz interrupts its scheduler thread when it shuts down, and an
     * interrupt during a write closes an H2 database on the default file system (then Quartz's shutdown can hang).
     */
    static Engine start(Path home, Clock clock) {
        String url = "jdbc:h2:async:" + home.toAbsolutePath().resolve("state/db/freshet")
                + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000;WRITE_DELAY=0";
        return Engine.start(EngineConfig.defaults(home.resolve("state")).withWorkflowsDir(home.resolve("workflows"))
                .withDatabaseUrl(url).withParallelism(4).withClock(clock));
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
                .sorted(Comparator.comparing(Run::logicalDate)).toList();
    }

    /** Waits until every run of the workflow has ended, so that a restart starts from a settled history. */
    static void awaitAllEnded(Engine engine, String workflowId) {
        await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> runs(engine, workflowId).stream()
                .allMatch(run -> run.state().isTerminal()));
    }
}
