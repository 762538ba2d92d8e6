package dev.freshet.tasks;

import dev.freshet.engine.Engine;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.TaskRun;
import dev.freshet.engine.run.TaskState;
import dev.freshet.engine.run.TriggerRequest;
import dev.freshet.engine.testing.FreshetEngineExtension;
import dev.freshet.engine.tracking.ModelVersion;
import dev.freshet.engine.workflow.Workflow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The flagship workflow end to end, through Quartz on H2 (on PostgreSQL in {@link WineQualityWorkflowOnPostgresTest}):
 * MLflow's tutorial numbers, promotion of version 1, no promotion on a tie, promotion of a better model, and a
 * corrupt batch stopped at validate.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WineQualityWorkflowTest {
    private static final Path WORKFLOW = Path.of("../workflows/wine-quality.yaml");

    @TempDir
    static Path home;

    @RegisterExtension
    static final FreshetEngineExtension freshet = FreshetEngineExtension.builder()
            .standalone()
            .configure(config -> config.withParallelism(2))
            .build();

    static Engine engine;
    static Workflow workflow;

    @BeforeAll
    static void start() {
        engine = freshet.engine();
        workflow = engine.load(WORKFLOW);
    }

    @Test
    @Order(1)
    void firstRunReproducesTheTutorialAndPromotesVersionOne() throws Exception {
        Run run = runWith(Map.of("alpha", 0.5, "l1_ratio", 0.5));

        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
        Map<String, Double> metrics = engine.tracking().metrics(run.runId());
        assertThat(metrics.get("rmse")).isCloseTo(0.82224, within(1e-4));
        assertThat(metrics.get("mae")).isCloseTo(0.62788, within(1e-4));
        assertThat(metrics.get("r2")).isCloseTo(0.12679, within(1e-4));
        assertThat(engine.models().aliased("wine-quality", "champion"))
                .map(ModelVersion::version)
                .contains(1);
        assertThat(engine.tracking().params(run.runId()))
                .containsEntry("alpha", "0.5")
                .containsEntry("l1_ratio", "0.5");
        ModelVersion v1 = engine.models().version("wine-quality", 1);
        assertThat(v1.runId()).isEqualTo(run.runId());
        assertThat(v1.lineage()).containsKeys("dataset_sha256", "features", "params");
    }

    @Test
    @Order(2)
    void anIdenticalRunDoesNotMoveTheChampion() throws Exception {
        Run run = runWith(Map.of("alpha", 0.5, "l1_ratio", 0.5));

        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
        Map<String, Object> promote = task(run, "promote").outputs();
        assertThat(promote).containsEntry("promoted", false);
        assertThat(engine.models().versions("wine-quality")).hasSize(1);
        assertThat(engine.models().aliased("wine-quality", "champion"))
                .map(ModelVersion::version)
                .contains(1);
    }

    @Test
    @Order(3)
    void aBetterModelBecomesTheChampion() throws Exception {
        Run run = runWith(Map.of("alpha", 0.01, "l1_ratio", 0.5));

        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
        assertThat(engine.tracking().metrics(run.runId()).get("rmse")).isCloseTo(0.76145, within(1e-4));
        assertThat(engine.models().aliased("wine-quality", "champion"))
                .map(ModelVersion::version)
                .contains(2);
        assertThat(engine.models().promotionLog("wine-quality"))
                .extracting(e -> e.fromVersion() + "->" + e.toVersion())
                .containsExactly("null->1", "1->2");
    }

    @Test
    @Order(4)
    void aCorruptBatchFailsAtValidateAndLeavesTheChampionAlone() throws Exception {
        Path corrupt = home.resolve("corrupt.csv");
        List<String> lines = Files.readAllLines(Path.of("../workflows/data/wine-quality/white-train.csv"));
        lines.set(7, lines.get(7).replaceFirst("^[^,]+,", "abc,"));
        Files.write(corrupt, lines);
        Path file = home.resolve("wine-corrupt.yaml");
        Files.writeString(
                file,
                Files.readString(WORKFLOW)
                        .replace("id: wine-quality", "id: wine-corrupt")
                        .replace("source: data/wine-quality/white-train.csv", "source: " + corrupt)
                        .replace(
                                "holdout: data/wine-quality/",
                                "holdout: "
                                        + Path.of("../workflows/data/wine-quality/")
                                                .toAbsolutePath()
                                                .normalize() + "/")
                        .replace("retries: 2", "retries: 0")
                        .replace("model: wine-quality, alias", "model: wine-quality, alias"));
        Workflow corruptWorkflow = engine.load(file);

        Run run = engine.runs()
                .awaitRun(
                        engine.runs()
                                .trigger(TriggerRequest.manual(corruptWorkflow.id(), Map.of(), "test"))
                                .runId(),
                        Duration.ofMinutes(2));

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        Map<String, TaskState> states =
                engine.runs().taskRuns(run.runId()).stream().collect(Collectors.toMap(TaskRun::taskId, TaskRun::state));
        assertThat(states)
                .containsEntry("ingest", TaskState.SUCCESS)
                .containsEntry("validate", TaskState.FAILED)
                .containsEntry("train", TaskState.UPSTREAM_FAILED)
                .containsEntry("promote", TaskState.UPSTREAM_FAILED);
        assertThat(task(run, "validate").error())
                .contains("column_type [fixed acidity]")
                .contains(corrupt + ":8 (row 7): 'abc' is not a number");
        assertThat(engine.models().aliased("wine-quality", "champion"))
                .map(ModelVersion::version)
                .contains(2);
    }

    private static Run runWith(Map<String, Object> conf) throws InterruptedException {
        Run run = engine.runs().trigger(TriggerRequest.manual(workflow.id(), conf, "test"));
        return engine.runs().awaitRun(run.runId(), Duration.ofMinutes(2));
    }

    private static TaskRun task(Run run, String taskId) {
        return engine.runs().taskRuns(run.runId()).stream()
                .filter(t -> t.taskId().equals(taskId))
                .findFirst()
                .orElseThrow();
    }
}
