package dev.freshet.web;

import dev.freshet.engine.Engine;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.TriggerRequest;
import dev.freshet.engine.tracking.ModelVersion;
import dev.freshet.tasks.model.ElasticNetParams;
import dev.freshet.tasks.model.LinearModel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** For server tests: small workflows of built-in tasks, runs of them, and registered models. */
final class TestEngines {
    static final String HELLO = """
            id: hello
            description: A small test workflow
            tags: [test, small]
            params:
              greeting: hi
            tasks:
              - id: start
                type: noop
              - id: say
                type: shell
                needs: [start]
                with: { command: "echo hello from shell" }
              - id: nap
                type: sleep
                needs: [say]
                with: { seconds: 0.05 }
            """;
    static final String FLAKY = """
            id: flaky
            tasks:
              - id: check
                type: shell
                with: { command: "test -f ok" }
              - id: after
                type: noop
                needs: [check]
            """;
    static final String QUICK = """
            id: quick
            description: One noop task
            schedule: "@daily"
            tasks:
              - id: only
                type: noop
            """;

    /** The three workflows by file name. */
    static final Map<String, String> WORKFLOWS = Map.of("hello.yaml", HELLO, "quick.yaml", QUICK, "flaky.yaml", FLAKY);

    private TestEngines() {}

    /** A finished run of the one-task workflow, for things that need an existing run id. */
    static Run quickRun(Engine engine) {
        Run run = runToEnd(engine, TriggerRequest.manual("quick", Map.of(), "test"));
        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
        return run;
    }

    /** Triggers a run and waits (bounded) until it has ended. */
    static Run runToEnd(Engine engine, TriggerRequest request) {
        String runId = engine.runs().trigger(request).runId();
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> engine.runs().run(runId), run -> run.state().isTerminal());
    }

    /** A linear model y = intercept + slope * a + 1 * b, written as an artifact of {@code run} and registered. */
    static ModelVersion registerModel(Engine engine, String name, Run run, double slope, double intercept) {
        LinearModel model = new LinearModel(
                List.of("a", "b"), new double[] {slope, 1.0}, intercept, 3, 0.0, true, ElasticNetParams.of(0.1, 0.5));
        String artifact = "model-" + name + "-" + System.nanoTime() + ".json";
        Path file = engine.tracking().artifactDir(run.runId(), "train").resolve(artifact);
        model.write(file);
        engine.tracking().logArtifact(run.runId(), "train", artifact, file);
        return engine.models()
                .register(
                        name,
                        run.runId(),
                        "runs:/" + run.runId() + "/" + artifact,
                        Map.of("rmse", 0.5 + slope, "r2", 0.9),
                        Map.of("slope", slope));
    }

    static ModelVersion registerChampion(Engine engine, String name, Run run, double slope, double intercept) {
        ModelVersion version = registerModel(engine, name, run, slope, intercept);
        engine.models().promote(name, "champion", version.version(), "test");
        return version;
    }
}
