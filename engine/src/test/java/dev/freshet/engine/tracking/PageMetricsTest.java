package dev.freshet.engine.tracking;

import dev.freshet.engine.Engine;
import dev.freshet.engine.EngineConfig;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.TriggerRequest;
import dev.freshet.engine.testdb.TestDatabase;
import dev.freshet.engine.testdb.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The latest metrics and the params of a page of runs, read at once, are what each run's own reads give. On H2 here, on
 * PostgreSQL in {@link PageMetricsOnPostgresTest}.
 */
@ExtendWith(TestDatabases.class)
class PageMetricsTest {
    @TempDir
    static Path home;

    static Engine engine;

    @BeforeAll
    static void start(TestDatabase database) throws Exception {
        Path workflows = Files.createDirectories(home.resolve("workflows"));
        Files.writeString(workflows.resolve("one.yaml"), "id: one\ntasks:\n  - {id: a, type: noop}\n");
        engine = Engine.start(
                database.configure(EngineConfig.defaults(home.resolve("state"))).withWorkflowsDir(workflows));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void everyRunOfThePageHasItsLatestMetricsAndARunWithoutAnyHasNone() throws Exception {
        String measured = finishedRun();
        String other = finishedRun();
        String bare = finishedRun();
        Tracking tracking = engine.tracking();
        tracking.logMetric(measured, "a", "rmse", 0.9);
        tracking.logMetric(measured, "a", "rmse", 0.7);
        tracking.logMetric(measured, "a", "r2", 0.5);
        tracking.logMetric(other, "a", "rmse", 0.8);

        Map<String, Map<String, Double>> page = tracking.metrics(List.of(measured, other, bare, "no-such-run"));

        assertThat(page).containsOnlyKeys(measured, other, bare, "no-such-run");
        assertThat(page.get(measured)).isEqualTo(Map.of("rmse", 0.7, "r2", 0.5)).isEqualTo(tracking.metrics(measured));
        assertThat(page.get(other)).isEqualTo(Map.of("rmse", 0.8));
        assertThat(page.get(bare)).isEmpty();
        assertThat(page.get("no-such-run")).isEmpty();
        assertThat(tracking.metrics(List.of())).isEmpty();
    }

    @Test
    void everyRunOfThePageHasItsParamsAndARunWithoutAnyHasNone() throws Exception {
        String tuned = finishedRun();
        String bare = finishedRun();
        Tracking tracking = engine.tracking();
        tracking.logParam(tuned, "alpha", "0.5");
        tracking.logParam(tuned, "l1_ratio", "0.1");

        Map<String, Map<String, String>> page = tracking.params(List.of(tuned, bare));

        assertThat(page).containsOnlyKeys(tuned, bare);
        assertThat(page.get(tuned))
                .isEqualTo(Map.of("alpha", "0.5", "l1_ratio", "0.1"))
                .isEqualTo(tracking.params(tuned));
        assertThat(page.get(bare)).isEmpty();
        assertThat(tracking.params(List.of())).isEmpty();
    }

    private static String finishedRun() throws InterruptedException {
        Run run = engine.runs().trigger(TriggerRequest.manual("one", Map.of(), "test"));
        return engine.runs().awaitRun(run.runId(), Duration.ofSeconds(30)).runId();
    }
}
