package dev.freshet.cli;

import dev.freshet.engine.Engine;
import dev.freshet.engine.EngineConfig;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.TriggerRequest;
import dev.freshet.engine.testdb.TestDatabase;
import dev.freshet.engine.testdb.TestDatabases;
import dev.freshet.engine.tracking.ModelRegistry;
import dev.freshet.engine.tracking.ModelVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code freshet models list|versions|promote|rollback} against a home whose registry an engine of the test filled:
 * the tables they print, the alias and the promotion log they change, and their errors. The commands are pointed at
 * the engine's database with {@code --db}.
 */
@ExtendWith(TestDatabases.class)
class ModelsCommandTest {
    @TempDir
    static Path home;

    static Engine engine;
    static ModelRegistry models;
    static Run first;
    static Run second;

    @BeforeAll
    static void start(TestDatabase database) throws Exception {
        engine = Engine.startStandalone(
                database.configure(EngineConfig.defaults(home).withParallelism(2)));
        engine.load(Files.writeString(home.resolve("train.yaml"), "id: train\ntasks:\n  - {id: fit, type: noop}\n"));
        models = engine.models();
        first = finishedRun();
        second = finishedRun();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void listShowsEveryModelWithItsNumberOfVersionsAndItsChampion() {
        register("listed", first, 0.9);
        register("listed", second, 0.7);
        models.promote("listed", "champion", 2, "test");
        register("unpromoted", first, 0.8);

        CommandOutput result = freshet("list");

        assertThat(result.exitCode()).isZero();
        assertThat(cells(result.lines().get(0))).containsExactly("Name", "Versions", "Champion");
        assertThat(result.lines().get(1)).matches("-+( {2}-+){2}");
        assertThat(result.lines().stream().skip(2).map(ModelsCommandTest::cells))
                .contains(List.of("listed", "2", "2"), List.of("unpromoted", "1", "-"));
    }

    @Test
    void versionsListsRunRmseCreationAndWhichVersionIsTheChampion() {
        register("versioned", first, 0.9);
        register("versioned", second, 0.75);
        models.promote("versioned", "champion", 1, "test");
        // as stored: the database keeps microseconds
        ModelVersion v1 = models.version("versioned", 1);
        ModelVersion v2 = models.version("versioned", 2);

        CommandOutput result = freshet("versions", "versioned");

        assertThat(result.exitCode()).isZero();
        assertThat(result.lines()).hasSize(4);
        assertThat(cells(result.lines().get(0))).containsExactly("Version", "Run ID", "RMSE", "Created", "Alias");
        assertThat(cells(result.lines().get(2)))
                .containsExactly("1", first.runId(), "0.900000", v1.createdAt().toString(), "champion");
        assertThat(cells(result.lines().get(3)))
                .containsExactly("2", second.runId(), "0.750000", v2.createdAt().toString());
    }

    @Test
    void promoteMovesTheChampionAndLogsTheMove() {
        register("promoted", first, 0.9);
        register("promoted", second, 0.7);
        models.promote("promoted", "champion", 1, "first");

        CommandOutput result = freshet("promote", "promoted", "2");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.lines()).containsExactly("promoted@champion -> version 2");
        assertThat(models.aliased("promoted", "champion"))
                .map(ModelVersion::version)
                .contains(2);
        assertThat(logOf("promoted")).containsExactly("null->1 first", "1->2 promoted by hand (cli)");
        assertThat(cells(freshet("versions", "promoted").lines().get(3))).last().isEqualTo("champion");
    }

    @Test
    void rollbackMovesTheChampionBackAndLogsTheRollback() {
        register("rolled", first, 0.9);
        register("rolled", second, 0.7);
        models.promote("rolled", "champion", 1, "first");
        models.promote("rolled", "champion", 2, "better");

        CommandOutput result = freshet("rollback", "rolled");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.lines()).containsExactly("rolled@champion -> version 1");
        assertThat(models.aliased("rolled", "champion"))
                .map(ModelVersion::version)
                .contains(1);
        assertThat(logOf("rolled")).containsExactly("null->1 first", "1->2 better", "2->1 rollback from version 2");

        CommandOutput again = freshet("rollback", "rolled");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("error: 'rolled@champion' has no earlier version to roll back to");
        assertThat(models.aliased("rolled", "champion"))
                .map(ModelVersion::version)
                .contains(1);
    }

    @Test
    void aBadVersionOrAnUnknownModelIsAClearErrorAndChangesNothing() {
        register("kept", first, 0.9);
        models.promote("kept", "champion", 1, "first");

        assertError(freshet("promote", "kept", "99"), 1, "error: model 'kept' has no version 99");
        assertError(freshet("promote", "kept", "two"), 2, "'two' is not an int");
        assertError(freshet("promote", "ghost", "1"), 1, "error: model 'ghost' does not exist");
        assertError(freshet("versions", "ghost"), 1, "error: model 'ghost' does not exist");
        assertError(freshet("rollback", "ghost"), 1, "error: model 'ghost' does not exist");
        assertThat(models.aliased("kept", "champion"))
                .map(ModelVersion::version)
                .contains(1);
        assertThat(logOf("kept")).containsExactly("null->1 first");
        assertThat(models.exists("ghost")).isFalse();
    }

    private static void assertError(CommandOutput result, int exitCode, String message) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(exitCode);
        assertThat(result.err()).contains(message);
        assertThat(result.out()).isEmpty();
    }

    private static CommandOutput freshet(String... args) {
        List<String> command = new ArrayList<>();
        command.add("models");
        command.addAll(List.of(args));
        command.addAll(
                List.of("--home", home.toString(), "--db", engine.config().databaseUrl()));
        return CommandOutput.freshet(command.toArray(String[]::new));
    }

    /** A table row's cells: the CLI puts two spaces between columns, and no cell holds two spaces in a row. */
    private static List<String> cells(String row) {
        return Arrays.asList(row.strip().split(" {2,}"));
    }

    private static List<String> logOf(String name) {
        return models.promotionLog(name).stream()
                .map(e -> e.fromVersion() + "->" + e.toVersion() + " " + e.reason())
                .toList();
    }

    private static ModelVersion register(String name, Run run, double rmse) {
        return models.register(name, run.runId(), "runs:/" + run.runId() + "/model", Map.of("rmse", rmse), Map.of());
    }

    private static Run finishedRun() throws InterruptedException {
        Run run = engine.runs()
                .awaitRun(
                        engine.runs()
                                .trigger(TriggerRequest.manual("train", Map.of(), "test"))
                                .runId(),
                        Duration.ofSeconds(30));
        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
        return run;
    }
}
