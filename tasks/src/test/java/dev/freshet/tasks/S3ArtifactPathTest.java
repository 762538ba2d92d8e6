package dev.freshet.tasks;

import dev.freshet.engine.Engine;
import dev.freshet.engine.EngineConfig;
import dev.freshet.engine.artifacts.ArtifactSettings;
import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.TaskRun;
import dev.freshet.engine.run.TriggerRequest;
import dev.freshet.engine.store.Database;
import dev.freshet.engine.testing.FreshetEngineExtension;
import dev.freshet.engine.tracking.Artifact;
import dev.freshet.engine.tracking.ModelVersion;
import dev.freshet.engine.tracking.Sha256;
import dev.freshet.engine.workflow.Workflow;
import dev.freshet.tasks.data.SnapshotReader;
import dev.freshet.tasks.model.LinearModel;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The S3 artifact path end to end, on a real S3-compatible server in this JVM: a wine-quality run (ingest with a
 * split, validate, train, evaluate on the split, promote) whose artifacts land in the bucket, and a second node with
 * an empty home, sharing only the database and the bucket, that reads the snapshot and loads the champion to serve.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3ArtifactPathTest {
    private static final String ROOT = "s3://freshet-artifacts/team-a";

    @RegisterExtension
    @Order(1)
    static final S3ProxyExtension s3 = new S3ProxyExtension("freshet-artifacts");

    @RegisterExtension
    @Order(2)
    static final FreshetEngineExtension freshet = FreshetEngineExtension.builder()
            .standalone()
            .workflow("wine-s3.yaml", home -> wineQualityWithSplit())
            .configure(config -> config.withParallelism(2).withArtifacts(s3.settings(ROOT)))
            .build();

    @TempDir
    static Path otherHome;

    static Engine engine;
    static Run run;

    @BeforeAll
    static void runOnce() throws InterruptedException {
        engine = freshet.engine();
        Workflow workflow = engine.load(freshet.workflowsDir().resolve("wine-s3.yaml"));
        Run triggered = engine.runs().trigger(TriggerRequest.manual(workflow.id(), Map.of(), "test"));
        run = engine.runs().awaitRun(triggered.runId(), Duration.ofMinutes(2));
    }

    @Test
    @Order(1)
    void theRunsArtifactsLandInTheBucketUnderThePrefix() {
        assertThat(run.state())
                .as(
                        "tasks: %s",
                        engine.runs().taskRuns(run.runId()).stream()
                                .map(TaskRun::toString)
                                .toList())
                .isEqualTo(RunState.SUCCESS);
        List<Artifact> artifacts = engine.tracking().artifacts(run.runId());
        assertThat(artifacts)
                .extracting(Artifact::path)
                .contains("dataset/data.parquet", "dataset/split.mask", "model", "evaluation/blessing.json");
        Map<String, Long> objects = s3.objects();
        for (Artifact a : artifacts) {
            assertThat(a.location()).startsWith(ROOT + "/" + run.runId() + "/" + a.taskId() + "/");
            String key = a.location().substring("s3://freshet-artifacts/".length());
            assertThat(objects).as(key).containsEntry(key, a.sizeBytes());
        }
    }

    @Test
    @Order(2)
    void aNodeWithAnEmptyHomeReadsTheSnapshotAndServesTheChampionFromTheBucket() throws Exception {
        EngineConfig config =
                EngineConfig.defaults(otherHome).withDatabaseUrl(databaseUrl()).withArtifacts(s3.settings(ROOT));
        try (Engine other = Engine.openStores(config)) {
            Artifact snapshot = other.tracking().artifact(run.runId(), "dataset/data.parquet");
            Path copy = other.tracking().localFile(snapshot);
            assertThat(copy).startsWith(otherHome);
            assertThat(Sha256.of(copy)).isEqualTo(snapshot.sha256());
            try (SnapshotReader theirs = SnapshotReader.open(copy);
                    SnapshotReader ours = SnapshotReader.open(engine.tracking().localFile(snapshot))) {
                assertThat(theirs.rowCount()).isEqualTo(ours.rowCount()).isPositive();
            }

            ModelVersion champion =
                    other.models().aliased("wine-quality", "champion").orElseThrow();
            Path served = other.models().resolveFile("models:/wine-quality@champion");
            assertThat(served).startsWith(otherHome);
            Path trained = engine.models().resolveFile(champion.sourceUri());
            double[][] rows = {{7.0, 0.27, 0.36, 20.7, 0.045, 45.0, 170.0, 1.001, 3.0, 0.45, 8.8}};
            assertThat(LinearModel.read(served).predict(rows))
                    .containsExactly(LinearModel.read(trained).predict(rows));
        }
    }

    @Test
    @Order(3)
    void aNodeOnTheDefaultFolderSaysWhichSettingToChangeToReadThem() {
        EngineConfig config = EngineConfig.defaults(otherHome.resolve("file-node"))
                .withDatabaseUrl(databaseUrl())
                .withArtifacts(ArtifactSettings.inHome());
        try (Engine other = Engine.openStores(config)) {
            assertThatThrownBy(() -> other.models().resolveFile("models:/wine-quality@champion"))
                    .isInstanceOf(FreshetException.class)
                    .hasMessageContaining("is in S3")
                    .hasMessageContaining("FRESHET_ARTIFACT_ROOT");
        }
    }

    @Test
    @Order(4)
    void aWrongKeyIsRefusedAtStartNamingTheSettings() {
        Map<String, String> env = new java.util.HashMap<>(s3.settings(ROOT).environment());
        env.put("AWS_SECRET_ACCESS_KEY", "not-the-secret");
        EngineConfig config = EngineConfig.defaults(otherHome.resolve("bad-key"))
                .withDatabaseUrl(databaseUrl())
                .withArtifacts(new ArtifactSettings(ROOT, env));
        assertThatThrownBy(() -> Engine.openStores(config).close())
                .hasMessageContaining("FRESHET_ARTIFACT_ROOT=" + ROOT)
                .hasMessageContaining("AWS_SECRET_ACCESS_KEY");
    }

    /** The database of the class's engine, which the other nodes of these tests share. */
    private static String databaseUrl() {
        String url = engine.config().databaseUrl();
        return url != null ? url : Database.embeddedUrl(freshet.home().resolve("state"));
    }

    private static String wineQualityWithSplit() {
        try {
            Path workflows = Path.of("../workflows").toAbsolutePath().normalize();
            return Files.readString(workflows.resolve("wine-quality.yaml"))
                    .replace("id: wine-quality", "id: wine-s3")
                    .replace(
                            "source: data/wine-quality/white-train.csv, target: quality }",
                            "source: " + workflows.resolve("data/wine-quality/white-train.csv")
                                    + ", target: quality, split: { fraction: 0.2, seed: 7 } }")
                    .replace("holdout: data/wine-quality/white-test.csv, ", "");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
