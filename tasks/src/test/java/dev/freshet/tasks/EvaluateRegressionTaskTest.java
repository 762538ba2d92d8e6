package dev.freshet.tasks;

import dev.freshet.engine.Engine;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.TriggerRequest;
import dev.freshet.engine.testdb.H2Only;
import dev.freshet.engine.testing.FreshetEngineExtension;
import dev.freshet.tasks.RandomSnapshot.RowPath;
import dev.freshet.tasks.model.LinearModel;
import dev.freshet.tasks.model.RegressionMetrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code evaluate.regression} on a split of random data with rows that miss a value: the metrics it reports for the
 * candidate and the champion are those of the rows read one by one into a table and predicted by
 * {@link LinearModel#predict(dev.freshet.tasks.data.Table)}, to the last bit, and it drops and counts the same rows.
 */
@H2Only("The scoring of a holdout: the database only holds the champion's registration, the same on either")
class EvaluateRegressionTaskTest {

    @TempDir
    static Path dir;

    @RegisterExtension
    static final FreshetEngineExtension freshet =
            FreshetEngineExtension.builder().standalone().build();

    static Engine engine;
    static Run run;
    static RandomSnapshot data;
    static LinearModel candidate;
    static LinearModel champion;
    static RowPath expected;
    static Path modelFile;
    static Path maskFile;

    @BeforeAll
    static void start() throws Exception {
        engine = freshet.engine();
        engine.load(
                Files.writeString(dir.resolve("retrain.yaml"), "id: retrain\ntasks:\n  - {id: train, type: noop}\n"));
        run = engine.runs()
                .awaitRun(
                        engine.runs()
                                .trigger(TriggerRequest.manual("retrain", Map.of(), "test"))
                                .runId(),
                        Duration.ofSeconds(30));
        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
        data = RandomSnapshot.write(dir);
        candidate = RandomSnapshot.model(data.features(), 1);
        champion = RandomSnapshot.model(data.otherFeatures(), 2);
        expected = RowPath.of(data.file(), data.mask(), candidate, champion);
        modelFile = dir.resolve("candidate.json");
        candidate.write(modelFile);
        maskFile = dir.resolve("split.mask");
        data.mask().write(maskFile);
    }

    @Test
    void reportsTheRowPathsMetricsAndDropsTheSameRows() throws Exception {
        FakeTaskContext context = evaluate("no-champion", "none");

        Map<String, Object> outputs = new EvaluateRegressionTask().run(context).outputs();

        assertThat(outputs).containsAllEntriesOf(metrics(expected.predicted()));
        assertThat(outputs).containsEntry("holdout_rows", expected.actual().length);
        assertThat(context.logLines())
                .contains("WARN left " + expected.dropped() + " holdout row(s) with a missing value out");
    }

    @Test
    void scoresTheChampionAsTheRowPathDid() throws Exception {
        int version = registerChampion("scored", champion);

        Map<String, Object> outputs =
                new EvaluateRegressionTask().run(evaluate("scored", "champion")).outputs();

        assertThat(outputs).containsAllEntriesOf(metrics(expected.predicted()));
        assertThat(outputs)
                .containsEntry("champion_version", version)
                .containsEntry(
                        "champion_rmse", metrics(expected.championPredicted()).get("rmse"));
    }

    @Test
    void aChampionThatNeedsAColumnTheSnapshotLacksCannotBeScored() throws Exception {
        registerChampion("lacking", RandomSnapshot.model(List.of("x1", "gone"), 3));

        Map<String, Object> outputs = new EvaluateRegressionTask()
                .run(evaluate("lacking", "champion"))
                .outputs();

        assertThat(outputs).containsAllEntriesOf(metrics(expected.predicted()));
        assertThat(outputs).containsEntry("champion_rmse", null).containsEntry("blessed", false);
        assertThat(outputs.get("reasons").toString())
                .contains("cannot be scored on this holdout (the data has no column 'gone', which the model needs");
    }

    private static Map<String, Double> metrics(double[] predicted) {
        RegressionMetrics m = RegressionMetrics.of(expected.actual(), predicted);
        return Map.of("rmse", m.rmse(), "mae", m.mae(), "r2", m.r2(), "max_error", m.maxError());
    }

    private static int registerChampion(String name, LinearModel model) {
        String artifact = "champion-" + name + ".json";
        Path file = engine.tracking().artifactDir(run.runId(), "train").resolve(artifact);
        model.write(file);
        engine.tracking().logArtifact(run.runId(), "train", artifact, file);
        int version = engine.models()
                .register(name, run.runId(), "runs:/" + run.runId() + "/" + artifact, Map.of(), Map.of())
                .version();
        engine.models().promote(name, "champion", version, "first");
        return version;
    }

    private static FakeTaskContext evaluate(String modelName, String compareTo) throws Exception {
        return new FakeTaskContext(
                run.runId(),
                "retrain",
                "evaluate",
                Map.of("model", modelName, "compare_to", compareTo),
                Map.of(
                        "ingest",
                        Map.of(
                                "target",
                                "y",
                                "dataset_path",
                                data.file().toString(),
                                "rows",
                                RandomSnapshot.ROWS,
                                "split_mask_path",
                                maskFile.toString()),
                        "train",
                        Map.of("model_path", modelFile.toString())),
                engine.models(),
                Files.createDirectories(dir.resolve("evaluate-" + modelName)));
    }
}
