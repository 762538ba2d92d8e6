package dev.freshet.web;

import dev.freshet.engine.Engine;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.TriggerRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A run cleared and ended again adds only its new tries to the task meters, never its earlier ones again. */
class ClearedRunMetricsTest {
    private static final String ONCE = """
            id: once
            tasks:
              - {id: step, type: shell, with: {command: "true"}}
            """;

    @RegisterExtension
    static final FreshetServerExtension freshet = FreshetServerExtension.builder()
            .token("t")
            .workflow("once.yaml", ONCE)
            .build();

    @Test
    void aRunClearedTwiceCountsEachOfItsThreeTriesOnce() {
        Engine engine = freshet.engine();
        String runId = engine.runs()
                .trigger(TriggerRequest.manual("once", Map.of(), "test"))
                .runId();
        Instant ended = awaitEnding(engine, runId, null);
        for (int clearing = 0; clearing < 2; clearing++) {
            engine.runs().clear(runId, List.of("step"), false);
            ended = awaitEnding(engine, runId, ended);
        }
        assertThat(engine.runs().tries(runId, "step")).hasSize(3);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(freshet.http().get("/metrics").body())
                                .containsPattern(
                                        "freshet_run_duration_seconds_count\\{state=\"success\",workflow=\"once\"} 3(\\.0)?\\R"));
        assertThat(freshet.http().get("/metrics").body())
                .containsPattern(
                        "freshet_task_duration_seconds_count\\{state=\"success\",task=\"step\",workflow=\"once\"} "
                                + "3(\\.0)?\\R")
                .containsPattern("freshet_dispatch_lag_seconds_count\\{workflow=\"once\"} 1(\\.0)?\\R");
    }

    /** Waits for the run to end after {@code previous} (its earlier end, or null) and returns the new end. */
    private static Instant awaitEnding(Engine engine, String runId, Instant previous) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Run run = engine.runs().run(runId);
            return run.state().isTerminal()
                    && run.endDate() != null
                    && !run.endDate().equals(previous);
        });
        return engine.runs().run(runId).endDate();
    }
}
