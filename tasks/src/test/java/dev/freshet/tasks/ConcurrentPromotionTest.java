package dev.freshet.tasks;

import dev.freshet.engine.Engine;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.TriggerRequest;
import dev.freshet.engine.testing.FreshetEngineExtension;
import dev.freshet.engine.tracking.ModelRegistry;
import dev.freshet.engine.tracking.ModelVersion;
import dev.freshet.engine.tracking.PromotionLogEntry;
import dev.freshet.tasks.model.ElasticNetParams;
import dev.freshet.tasks.model.LinearModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two runs whose models both beat the champion run the real {@code promote.model} at the same moment, on the real
 * database. Both versions are registered under distinct consecutive numbers; the alias moves by compare-and-set
 * from the champion both were evaluated against, so exactly one run promotes, and the other reports the move that
 * beat it and leaves the alias alone. The promotion log holds exactly the one move the winner claims.
 */
class ConcurrentPromotionTest {
    private static final int ROUNDS = 10;

    @TempDir
    static Path home;

    @RegisterExtension
    static final FreshetEngineExtension freshet = FreshetEngineExtension.builder()
            .standalone()
            .configure(config -> config.withParallelism(2))
            .build();

    static Engine engine;
    static Run championRun;
    static Run runA;
    static Run runB;

    @BeforeAll
    static void start() throws Exception {
        engine = freshet.engine();
        Path workflow =
                Files.writeString(home.resolve("retrain.yaml"), "id: retrain\ntasks:\n  - {id: train, type: noop}\n");
        engine.load(workflow);
        championRun = finishedRun();
        runA = finishedRun();
        runB = finishedRun();
    }

    @Test
    void twoRunsPromotingAtOnceGetTwoVersionsAndExactlyOneMovesTheChampion() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                race("race-" + round, pool);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void race(String name, ExecutorService pool) throws Exception {
        ModelRegistry models = engine.models();
        int champion = models.register(
                        name,
                        championRun.runId(),
                        model(championRun, name, 1.0).get("model_uri").toString(),
                        Map.of("rmse", 0.8),
                        Map.of())
                .version();
        models.promote(name, "champion", champion, "first");
        FakeTaskContext contextA = promoteContext(runA, name, champion, 0.6);
        FakeTaskContext contextB = promoteContext(runB, name, champion, 0.5);
        CyclicBarrier together = new CyclicBarrier(2);

        Future<Map<String, Object>> a = pool.submit(() -> {
            together.await(10, TimeUnit.SECONDS);
            return new PromoteModelTask().run(contextA).outputs();
        });
        Future<Map<String, Object>> b = pool.submit(() -> {
            together.await(10, TimeUnit.SECONDS);
            return new PromoteModelTask().run(contextB).outputs();
        });
        Map<String, Object> outA = a.get(30, TimeUnit.SECONDS);
        Map<String, Object> outB = b.get(30, TimeUnit.SECONDS);

        int versionA = (Integer) outA.get("version");
        int versionB = (Integer) outB.get("version");
        assertThat(List.of(versionA, versionB)).as(name).containsExactlyInAnyOrder(champion + 1, champion + 2);
        assertThat(List.of(outA.get("promoted"), outB.get("promoted"))).as(name).containsExactlyInAnyOrder(true, false);
        boolean aWon = (Boolean) outA.get("promoted");
        Run winner = aWon ? runA : runB;
        int won = aWon ? versionA : versionB;
        Map<String, Object> loser = aWon ? outB : outA;

        assertThat(models.aliased(name, "champion"))
                .map(ModelVersion::version)
                .as(name)
                .contains(won);
        assertThat(aWon ? outA : outB).containsEntry("champion_version", won);
        assertThat(loser).containsEntry("champion_version", won);
        assertThat(loser.get("reason"))
                .asString()
                .as(name)
                .contains("moved from version " + champion + " to version " + won + " after this model was evaluated");
        List<PromotionLogEntry> log = models.promotionLog(name);
        assertThat(log)
                .extracting(e -> e.fromVersion() + "->" + e.toVersion() + " by " + e.runId())
                .as(name)
                .containsExactly("null->" + champion + " by null", champion + "->" + won + " by " + winner.runId());
        assertThat(log.get(1).reason())
                .startsWith("blessed by evaluation against version " + champion)
                .as("rmse to five significant digits")
                .matches(".*: rmse (0\\.0*)?[1-9][0-9.]{0,5}(e[-+]\\d+)?");
        // Every version number names exactly one registration, by the run that claims it.
        assertThat(models.versions(name))
                .extracting(v -> v.version() + " " + v.runId())
                .as(name)
                .containsExactly(
                        champion + " " + championRun.runId(),
                        (champion + 1) + " " + (versionA == champion + 1 ? runA : runB).runId(),
                        (champion + 2) + " " + (versionA == champion + 2 ? runA : runB).runId());
        assertThat(models.versions(name))
                .filteredOn(v -> v.version() > champion)
                .allSatisfy(v -> assertThat(v.lineage()).containsEntry("replaces", champion));
    }

    /** What promote sees of a run whose trained model was blessed against {@code champion} with the given RMSE. */
    private static FakeTaskContext promoteContext(Run run, String name, int champion, double rmse) {
        Map<String, Object> evaluate = new LinkedHashMap<>();
        evaluate.put("blessed", true);
        evaluate.put("champion_version", champion);
        evaluate.put("rmse", rmse);
        evaluate.put("champion_rmse", 0.8);
        Map<String, Map<String, Object>> upstream = new LinkedHashMap<>();
        upstream.put("evaluate", evaluate);
        upstream.put("train", model(run, name, rmse));
        return new FakeTaskContext(
                run.runId(), "retrain", "promote", Map.of("model", name), upstream, engine.models(), home);
    }

    /** Writes a model as an artifact of the run's train task; the train task's outputs that point at it. */
    private static Map<String, Object> model(Run run, String name, double slope) {
        String artifact = "model-" + name + ".json";
        Path file = engine.tracking().artifactDir(run.runId(), "train").resolve(artifact);
        new LinearModel(List.of("a", "b"), new double[] {slope, 1.0}, 0.0, 3, 0.0, true, ElasticNetParams.of(0.1, 0.5))
                .write(file);
        engine.tracking().logArtifact(run.runId(), "train", artifact, file);
        return Map.of("model_uri", "runs:/" + run.runId() + "/" + artifact, "model_path", file.toString());
    }

    private static Run finishedRun() throws InterruptedException {
        Run run = engine.runs()
                .awaitRun(
                        engine.runs()
                                .trigger(TriggerRequest.manual("retrain", Map.of(), "test"))
                                .runId(),
                        Duration.ofSeconds(30));
        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
        return run;
    }
}
