package dev.freshet.engine.tracking;

import dev.freshet.engine.Engine;
import dev.freshet.engine.EngineConfig;
import dev.freshet.engine.error.ConflictException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry under concurrent promotions, and rollback, on the real database: H2 here, PostgreSQL in a subclass. */
@ExtendWith(TestDatabases.class)
class ModelRegistryTest {
    @TempDir
    static Path home;

    static Engine engine;
    static String runId;

    @BeforeAll
    static void start(TestDatabase database) throws Exception {
        Path workflows = Files.createDirectories(home.resolve("workflows"));
        Files.writeString(workflows.resolve("one.yaml"), "id: one\ntasks:\n  - {id: a, type: noop}\n");
        engine = Engine.start(
                database.configure(EngineConfig.defaults(home.resolve("state"))).withWorkflowsDir(workflows));
        Run run = engine.runs().trigger(TriggerRequest.manual("one", Map.of(), "test"));
        runId = engine.runs().awaitRun(run.runId(), Duration.ofSeconds(30)).runId();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void aRegisteredVersionIsWhatIsReadBack() {
        ModelVersion registered = engine.models()
                .register(
                        "read-back",
                        runId,
                        "runs:/" + runId + "/model",
                        Map.of("rmse", 0.5),
                        Map.of("dataset_sha256", "abc"));

        assertThat(engine.models().version("read-back", registered.version())).isEqualTo(registered);
    }

    @Test
    void concurrentRegistrationsGetDistinctConsecutiveVersions() throws Exception {
        List<Integer> versions = inParallel(
                40,
                () -> engine.models()
                        .register("parallel", runId, "runs:/" + runId + "/model", Map.of(), Map.of())
                        .version());

        assertThat(versions).doesNotHaveDuplicates().hasSize(40);
        assertThat(engine.models().versions("parallel"))
                .extracting(ModelVersion::version)
                .containsExactlyElementsOf(
                        java.util.stream.IntStream.rangeClosed(1, 40).boxed().toList());
    }

    @Test
    void ofTwentyPromotionsAgainstTheSameChampionExactlyOneWins() throws Exception {
        ModelRegistry models = engine.models();
        int first = models.register("race", runId, "runs:/" + runId + "/model", Map.of(), Map.of())
                .version();
        models.promote("race", "champion", first, "first");
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            candidates.add(models.register("race", runId, "runs:/" + runId + "/model", Map.of(), Map.of())
                    .version());
        }

        List<Integer> winners = ModelRegistryTest.<Integer>inParallel(20, new Callable<Integer>() {
                    private final java.util.concurrent.atomic.AtomicInteger next =
                            new java.util.concurrent.atomic.AtomicInteger();

                    @Override
                    public Integer call() {
                        int candidate = candidates.get(next.getAndIncrement());
                        return models.moveAlias("race", "champion", OptionalInt.of(first), candidate, runId, "race")
                                ? candidate
                                : 0;
                    }
                })
                .stream()
                .filter(v -> v > 0)
                .toList();

        assertThat(winners).hasSize(1);
        assertThat(models.aliased("race", "champion"))
                .map(ModelVersion::version)
                .contains(winners.get(0));
        assertThat(models.promotionLog("race")).hasSize(2);
    }

    @Test
    void rollbackMovesTheAliasBackAndIsLogged() {
        ModelRegistry models = engine.models();
        int v1 = models.register("rolling", runId, "runs:/" + runId + "/model", Map.of(), Map.of())
                .version();
        int v2 = models.register("rolling", runId, "runs:/" + runId + "/model", Map.of(), Map.of())
                .version();
        models.promote("rolling", "champion", v1, "first");
        models.promote("rolling", "champion", v2, "better");

        ModelVersion back = models.rollback("rolling", "champion");

        assertThat(back.version()).isEqualTo(v1);
        assertThat(models.aliased("rolling", "champion"))
                .map(ModelVersion::version)
                .contains(v1);
        assertThat(models.promotionLog("rolling"))
                .extracting(e -> e.fromVersion() + "->" + e.toVersion() + " " + e.reason())
                .containsExactly("null->1 first", "1->2 better", "2->1 rollback from version 2");
        assertThatThrownBy(() -> models.rollback("rolling", "champion")).isInstanceOf(ConflictException.class);
    }

    @Test
    void listenersHearEveryCommittedMoveAndNoLostCompareAndSet() {
        ModelRegistry models = engine.models();
        int v1 = models.register("heard", runId, "runs:/" + runId + "/model", Map.of(), Map.of())
                .version();
        int v2 = models.register("heard", runId, "runs:/" + runId + "/model", Map.of(), Map.of())
                .version();
        List<AliasMove> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        AliasListener listener = move -> {
            if (move.name().equals("heard")) {
                heard.add(move);
            }
        };
        models.addAliasListener(listener);
        try {
            models.promote("heard", "champion", v1, "first");
            models.promote("heard", "champion", v2, "better");
            assertThat(models.moveAlias("heard", "champion", OptionalInt.of(v1), v1, runId, "stale"))
                    .isFalse();
            models.rollback("heard", "champion");
        } finally {
            models.removeAliasListener(listener);
        }

        assertThat(heard)
                .containsExactly(
                        new AliasMove("heard", "champion", null, v1),
                        new AliasMove("heard", "champion", v1, v2),
                        new AliasMove("heard", "champion", v2, v1));
    }

    private static <T> List<T> inParallel(int count, Callable<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(work));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
