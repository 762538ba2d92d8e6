package dev.freshet.engine;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.error.NotFoundException;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunQuery;
import dev.freshet.engine.run.TriggerRequest;
import dev.freshet.engine.testdb.TestDatabase;
import dev.freshet.engine.testdb.TestDatabases;
import dev.freshet.engine.workflow.Workflow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A trigger past a limit is refused as bad input naming the limit, before a run exists; at the limits it works. On H2
 * here, on PostgreSQL in {@link TriggerLimitsOnPostgresTest}.
 */
@ExtendWith(TestDatabases.class)
class TriggerLimitsTest {
    @TempDir
    static Path home;

    @TempDir
    static Path workflows;

    static Engine engine;

    @BeforeAll
    static void start(TestDatabase database) throws IOException {
        Files.writeString(workflows.resolve("small.yaml"), """
                id: small
                params: {name: world}
                tasks: [{id: a, type: sleep, with: {seconds: 30}}]
                """);
        StringBuilder wide = new StringBuilder("id: wide\nmax_active_tasks: 1\ntasks:\n");
        for (int i = 0; i < Workflow.MAX_TASKS; i++) {
            wide.append("  - {id: t").append(i).append(", type: sleep, with: {seconds: 30}}\n");
        }
        Files.writeString(workflows.resolve("wide.yaml"), wide);
        engine = Engine.start(database.configure(EngineConfig.defaults(home)).withWorkflowsDir(workflows));
    }

    @AfterAll
    static void stop() {
        // the runs the tests started sleep for 30 s, and closing the engine waits for its running tries
        engine.runs().runs(new RunQuery("small", null, null, 100, 0)).runs().stream()
                .filter(run -> !run.state().isTerminal())
                .forEach(run -> engine.runs().cancel(run.runId()));
        engine.close();
    }

    @Test
    void aConfOverOneHundredThousandCharactersIsBadInputAndNoRunExists() {
        Map<String, Object> conf = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            conf.put("p" + i, "x".repeat(6_000));
        }
        assertThatThrownBy(() -> trigger("small", conf, "big-conf"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("conf is 120")
                .hasMessageEndingWith("characters as JSON; at most 100000 are allowed");
        assertThatThrownBy(() -> engine.runs().run("big-conf")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aParamValueOverTheLimitIsBadInputNamingIt() {
        assertThatThrownBy(() -> trigger("small", Map.of("name", "y".repeat(8_001)), "long-value"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("conf.name: the value is 8001 characters; a param value may be at most 8000");
        assertThat(trigger("small", Map.of("name", "y".repeat(8_000)), "longest-value")
                        .params()
                        .get("name"))
                .asString()
                .hasSize(8_000);
    }

    @Test
    void aConfNestedDeeperThanThirtyTwoLevelsIsBadInputAndThirtyTwoWork() {
        assertThatThrownBy(() -> trigger("small", nested(995), "deep-conf"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("conf: nested more than 32 levels deep; at most 32 are allowed");
        assertThatThrownBy(() -> trigger("small", nested(33), "deep-conf")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> engine.runs().run("deep-conf")).isInstanceOf(NotFoundException.class);
        assertThat(trigger("small", nested(32), "deepest-conf").runId()).isEqualTo("deepest-conf");
    }

    /** A conf of {@code levels} levels of objects and arrays, itself the first. */
    private static Map<String, Object> nested(int levels) {
        Object inner = "leaf";
        for (int level = levels; level > 1; level--) {
            inner = level % 2 == 0 ? List.of(inner) : Map.of("k", inner);
        }
        return Map.of("deep", inner);
    }

    @Test
    void aParamNameOverTheLimitIsBadInput() {
        assertThatThrownBy(() -> trigger("small", Map.of("k".repeat(251), 1), "long-name"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("conf: a param name of 251 characters");
    }

    @Test
    void aWorkflowOfTheMostTasksTriggers() {
        Run run = trigger("wide", Map.of(), "wide-run");
        assertThat(engine.runs().taskRuns(run.runId())).hasSize(Workflow.MAX_TASKS);
        engine.runs().cancel(run.runId());
    }

    private static Run trigger(String workflowId, Map<String, Object> conf, String runId) {
        return engine.runs()
                .trigger(TriggerRequest.manual(workflowId, conf, "test").withRunId(runId));
    }
}
