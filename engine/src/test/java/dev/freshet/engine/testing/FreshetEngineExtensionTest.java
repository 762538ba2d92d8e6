package dev.freshet.engine.testing;

import dev.freshet.engine.Engine;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.TriggerRequest;
import dev.freshet.engine.testdb.OnPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extension's engine runs on the database of the class being run: H2 in the home here, PostgreSQL in
 * {@link FreshetEngineExtensionOnPostgresTest}, with the test's own configuration applied on top.
 */
class FreshetEngineExtensionTest {
    @RegisterExtension
    static final FreshetEngineExtension freshet = FreshetEngineExtension.builder()
            .workflow("one.yaml", "id: one\ntasks:\n  - {id: a, type: noop}\n")
            .configure(config -> config.withParallelism(3))
            .build();

    @Test
    void runsOnTheDatabaseOfTheClassBeingRunWithTheTestsOwnConfiguration(Engine engine) throws Exception {
        if (getClass().isAnnotationPresent(OnPostgres.class)) {
            assertThat(engine.config().databaseUrl()).startsWith("jdbc:postgresql:");
        } else {
            assertThat(engine.config().databaseUrl())
                    .as("the H2 file in the home")
                    .isNull();
        }
        assertThat(engine.config().parallelism()).isEqualTo(3);
        String runId = engine.runs()
                .trigger(TriggerRequest.manual("one", Map.of(), "test"))
                .runId();
        assertThat(engine.runs().awaitRun(runId, Duration.ofSeconds(30)).state())
                .isEqualTo(RunState.SUCCESS);
    }
}
