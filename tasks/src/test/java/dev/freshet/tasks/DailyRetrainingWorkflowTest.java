package dev.freshet.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.engine.Engine;
import dev.freshet.engine.events.Backoff;
import dev.freshet.engine.events.WebhookFormat;
import dev.freshet.engine.events.WebhookSettings;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.TaskRun;
import dev.freshet.engine.run.TaskState;
import dev.freshet.engine.run.TriggerRequest;
import dev.freshet.engine.testing.FreshetEngineExtension;
import dev.freshet.engine.testing.WebhookReceiver;
import dev.freshet.engine.tracking.ModelVersion;
import dev.freshet.engine.workflow.Workflow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shipped retraining loop ({@code workflows/wine-quality-daily.yaml}) end to end through Quartz on H2 (on
 * PostgreSQL in {@link DailyRetrainingWorkflowOnPostgresTest}), one landing folder per scenario: first promotion with its lineage, no promotion when not better, a corrupt batch and
 * a batch too small stopped at validate, a header mismatch stopped at ingest, a drifted batch that warns and whose
 * model replaces the champion, and a window ending at the run's logical date. Each promotion, failed gate, drift
 * warning and failed run reaches a webhook as an event about its run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DailyRetrainingWorkflowTest {
    private static final Path WORKFLOW = Path.of("../workflows/wine-quality-daily.yaml");
    private static final Path WINE = Path.of("../workflows/data/wine-quality/white-train.csv");
    private static final String MODEL = "wine-quality-daily";
    private static final Instant DAY_1 = Instant.parse("2024-03-01T05:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    @RegisterExtension
    static final FreshetEngineExtension freshet = FreshetEngineExtension.builder()
            .standalone()
            .configure(config -> config.withParallelism(2))
            .build();

    static Engine engine;
    static Workflow workflow;
    static String header;
    static List<String> rows;
    static Run notBetterRun;
    static WebhookReceiver webhook;

    @BeforeAll
    static void start() throws IOException {
        engine = freshet.engine();
        webhook = WebhookReceiver.start();
        engine.deliverEvents(WebhookSettings.of(webhook.url(), null, WebhookFormat.JSON)
                .withBackoff(new Backoff(Duration.ofMillis(10), Duration.ofMillis(50)))
                .withPollInterval(Duration.ofMillis(20)));
        workflow = engine.load(WORKFLOW);
        List<String> lines = Files.readAllLines(WINE);
        header = lines.get(0);
        rows = lines.subList(1, lines.size());
    }

    @AfterAll
    static void stopWebhook() {
        webhook.close();
    }

    @Test
    @Order(1)
    void theFirstRunPromotesVersionOneWithItsLineage() throws Exception {
        Path landing = landing("main");
        batch(landing, "2024-03-01.csv", 0, 500, DAY_1, UnaryOperator.identity());
        batch(landing, "2024-03-02.csv", 500, 500, DAY_1.plus(Duration.ofDays(1)), UnaryOperator.identity());

        Run run = runOn(landing);

        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
        assertThat(output(run, "promote", "promoted")).isEqualTo(true);
        ModelVersion v1 = engine.models().aliased(MODEL, "champion").orElseThrow();
        assertThat(v1.version()).isEqualTo(1);
        assertThat(event("model.promoted", run).payload())
                .containsEntry("to_version", 1)
                .containsEntry("alias", "champion");
        Map<String, Object> lineage = v1.lineage();
        assertThat(lineage)
                .containsEntry("run_id", run.runId())
                .containsEntry("workflow_hash", run.workflowHash())
                .containsEntry("dataset_sha256", output(run, "ingest", "dataset_sha256"))
                .containsEntry("replaces", null)
                .containsKeys(
                        "schema_uri",
                        "validation_report_uri",
                        "blessing_uri",
                        "hyperparameters",
                        "features",
                        "params",
                        "metrics",
                        "split");
        assertThat(run.workflowHash()).hasSize(64);
        assertThat(list(lineage.get("batches")))
                .extracting(b -> map(b).get("file"))
                .containsExactly(
                        landing.resolve("2024-03-01.csv").toString(),
                        landing.resolve("2024-03-02.csv").toString());
        assertThat(list(lineage.get("batches")))
                .allSatisfy(b -> assertThat(map(b).get("sha256")).asString().hasSize(64));
        assertThat(map(lineage.get("hyperparameters")))
                .containsEntry("standardize", true)
                .containsEntry("alpha", 0.01);
        assertThat(map(lineage.get("metrics"))).containsKeys("rmse", "mae", "r2", "max_error");

        JsonNode blessing = artifact(run, "evaluation/blessing.json");
        assertThat(blessing.get("blessed").asBoolean()).isTrue();
        assertThat(blessing.get("reasons").toString())
                .contains("no champion of 'wine-quality-daily' yet", "passed: rmse", "passed: r2");
        assertThat(blessing.get("holdout").get("from_split").asBoolean()).isTrue();
        JsonNode report = artifact(run, "validation/report.json");
        assertThat(report.get("passed").asBoolean()).isTrue();
        List<String> checks = new ArrayList<>();
        report.get("checks")
                .forEach(check -> checks.add(
                        check.get("name").asText() + "/" + check.get("verdict").asText()));
        assertThat(checks)
                .containsOnly(
                        "csv_format/pass",
                        "column_present/pass",
                        "column_type/pass",
                        "value_range/pass",
                        "null_fraction/pass",
                        "duplicate_rows/pass",
                        "min_rows/pass",
                        "batch_rows/pass",
                        "dataset_drift/skip");
        assertThat(checks).filteredOn(c -> c.startsWith("batch_rows")).hasSize(2);
        assertThat(checks).filteredOn(c -> c.startsWith("value_range")).hasSize(4);
        JsonNode schema = JSON.readTree(engine.models()
                .resolveFile(lineage.get("schema_uri").toString())
                .toFile());
        assertThat(schema.get("columns").toString())
                .contains("\"name\":\"quality\",\"type\":\"integer\"", "\"min\":2.5");
    }

    @Test
    @Order(2)
    void aModelThatIsNotBetterIsNotPromoted() throws Exception {
        Run run = runOn(landing("main"));
        notBetterRun = run;

        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
        assertThat(output(run, "evaluate", "blessed")).isEqualTo(false);
        assertThat(output(run, "evaluate", "reasons").toString())
                .contains("failed: rmse")
                .contains("vs champion of 'wine-quality-daily' version 1");
        assertThat(output(run, "promote", "promoted")).isEqualTo(false);
        assertThat(engine.models().versions(MODEL)).hasSize(1);
        assertThat(event("gate.failed", run).payload())
                .containsEntry("task_id", "promote")
                .containsEntry("gate", "promotion")
                .containsEntry("champion_version", 1);
    }

    @Test
    @Order(3)
    void aCorruptBatchFailsAtValidateNamingTheColumnsAndLeavesTheChampionAlone() throws Exception {
        Path landing = landing("corrupt");
        Path corrupt = batch(landing, "2024-03-03.csv", 1000, 500, DAY_1.plus(Duration.ofDays(2)), line -> line);
        List<String> lines = new ArrayList<>(Files.readAllLines(corrupt));
        for (int i = 0; i < lines.size(); i++) {
            List<String> cells = new ArrayList<>(List.of(lines.get(i).split(",", -1)));
            cells.remove(8); // pH
            lines.set(i, String.join(",", cells));
        }
        lines.set(6, lines.get(6).replaceFirst(",[^,]*,([^,]*)$", ",twelve,$1")); // alcohol at line 7
        Files.write(corrupt, lines);

        Run run = runOn(landing);

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(states(run))
                .containsEntry("ingest", TaskState.SUCCESS)
                .containsEntry("validate", TaskState.FAILED)
                .containsEntry("train", TaskState.UPSTREAM_FAILED)
                .containsEntry("evaluate", TaskState.UPSTREAM_FAILED)
                .containsEntry("promote", TaskState.UPSTREAM_FAILED);
        assertThat(task(run, "validate").error())
                .contains("column_present [pH]: column 'pH' is missing")
                .contains("column_type [alcohol]: 1 value(s) are not of type number: " + corrupt
                        + ":7 (row 6): 'twelve' is not a number")
                .startsWith("data validation failed: 2 check(s), the champion is unchanged, report runs:/" + run.runId()
                        + "/validation/report.json: ");
        assertThat(event("gate.failed", run).payload())
                .containsEntry("task_id", "validate")
                .containsEntry("gate", "validation")
                .containsEntry("failed_checks", 2)
                .containsEntry("report_uri", "runs:/" + run.runId() + "/validation/report.json");
        assertThat(event("run.failed", run).payload().get("failed_tasks"))
                .asString()
                .contains("task_id=validate");
        assertThat(engine.models().aliased(MODEL, "champion"))
                .map(ModelVersion::version)
                .contains(1);
        assertThat(engine.models().versions(MODEL)).hasSize(1);
    }

    @Test
    @Order(4)
    void aBatchTooSmallFailsAtValidateNamingIt() throws Exception {
        Path landing = landing("small");
        batch(landing, "2024-03-01.csv", 0, 500, DAY_1, UnaryOperator.identity());
        Path small =
                batch(landing, "2024-03-04.csv", 1500, 40, DAY_1.plus(Duration.ofDays(3)), UnaryOperator.identity());

        Run run = runOn(landing);

        assertThat(states(run))
                .containsEntry("validate", TaskState.FAILED)
                .containsEntry("promote", TaskState.UPSTREAM_FAILED);
        assertThat(task(run, "validate").error())
                .contains("batch_rows: " + small + " has 40 data rows, at least 200 required per batch");
        assertThat(engine.models().aliased(MODEL, "champion"))
                .map(ModelVersion::version)
                .contains(1);
    }

    @Test
    @Order(5)
    void aBatchWithAnotherHeaderFailsAtIngestNamingTheFileAndLine() throws Exception {
        Path landing = landing("mismatch");
        batch(landing, "2024-03-01.csv", 0, 500, DAY_1, UnaryOperator.identity());
        Path renamed =
                batch(landing, "2024-03-02.csv", 500, 500, DAY_1.plus(Duration.ofDays(1)), UnaryOperator.identity());
        List<String> lines = new ArrayList<>(Files.readAllLines(renamed));
        lines.set(0, lines.get(0).replace("pH", "ph"));
        Files.write(renamed, lines);

        Run run = runOn(landing);

        assertThat(states(run))
                .containsEntry("ingest", TaskState.FAILED)
                .containsEntry("validate", TaskState.UPSTREAM_FAILED);
        assertThat(task(run, "ingest").error())
                .isEqualTo(renamed + ":1: header does not match the first batch's (" + landing.resolve("2024-03-01.csv")
                        + "): missing 'pH'; unexpected 'ph'");
    }

    @Test
    @Order(6)
    void driftedBatchesWarnAndTheirBetterModelReplacesTheChampion() throws Exception {
        Path landing = landing("main");
        UnaryOperator<String> drift = DailyRetrainingWorkflowTest::warmerVintage;
        batch(landing, "2024-03-05.csv", 1000, 500, DAY_1.plus(Duration.ofDays(4)), drift);
        batch(landing, "2024-03-06.csv", 1500, 500, DAY_1.plus(Duration.ofDays(5)), drift);

        Run run = runOn(landing);

        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
        assertThat(output(run, "validate", "drift_detected")).isEqualTo(true);
        assertThat(list(output(run, "validate", "drifted_columns"))).contains("alcohol");
        assertThat(output(run, "validate", "warning_checks").toString()).contains("drift_ks [alcohol]");
        assertThat(output(run, "promote", "promoted")).isEqualTo(true);
        ModelVersion v2 = engine.models().aliased(MODEL, "champion").orElseThrow();
        assertThat(v2.version()).isEqualTo(2);
        assertThat(event("drift.warning", run).payload())
                .containsEntry("task_id", "validate")
                .hasEntrySatisfying(
                        "checks", checks -> assertThat(checks.toString()).contains("drift_ks [alcohol]"));
        assertThat(event("model.promoted", run).payload())
                .containsEntry("from_version", 1)
                .containsEntry("to_version", 2);
        assertThat(v2.lineage()).containsEntry("replaces", 1).containsKey("replaced_rmse_on_same_holdout");
        assertThat(list(v2.lineage().get("drifted_columns"))).contains("alcohol");
        assertThat(engine.models().promotionLog(MODEL))
                .extracting(e -> e.fromVersion() + "->" + e.toVersion())
                .containsExactly("null->1", "1->2");
    }

    @Test
    @Order(7)
    void aWindowTakesTheBatchesOfTheDaysBeforeTheLogicalDate() throws Exception {
        Path landing = landing("main");
        Path file = home.resolve("windowed.yaml");
        Files.writeString(
                file,
                Files.readString(WORKFLOW)
                        .replace("id: wine-quality-daily", "id: windowed")
                        .replace("newest: 3", "window: 2d"));
        Workflow windowed = engine.load(file);

        TriggerRequest nextDay = TriggerRequest.manual(windowed.id(), Map.of("landing", landing.toString()), "test")
                .withLogicalDate(DAY_1.plus(Duration.ofDays(1)).plusSeconds(3600));
        Run run = engine.runs().awaitRun(engine.runs().trigger(nextDay).runId(), Duration.ofMinutes(2));

        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
        assertThat(list(output(run, "ingest", "batches")))
                .containsExactly(
                        landing.resolve("2024-03-01.csv").toString(),
                        landing.resolve("2024-03-02.csv").toString());
    }

    @Test
    @Order(8)
    void aBlessingAgainstAChampionThatHasSinceBeenReplacedDoesNotPromote() throws Exception {
        // Day 2's run evaluated its model against version 1. Had that model been blessed, and had the drift run
        // promoted version 2 between day 2's evaluate and its promote, day 2's promote would see this:
        Map<String, Object> evaluate =
                new java.util.LinkedHashMap<>(task(notBetterRun, "evaluate").outputs());
        assertThat(evaluate).containsEntry("champion_version", 1);
        evaluate.put("blessed", true);
        Map<String, Map<String, Object>> upstream = new java.util.LinkedHashMap<>();
        upstream.put("evaluate", evaluate);
        for (String id : List.of("train", "validate", "ingest")) {
            upstream.put(id, task(notBetterRun, id).outputs());
        }
        FakeTaskContext context = new FakeTaskContext(
                notBetterRun.runId(), workflow.id(), "promote", Map.of(), upstream, engine.models(), home);

        Map<String, Object> outputs = new PromoteModelTask().run(context).outputs();

        assertThat(outputs)
                .containsEntry("promoted", false)
                .containsEntry("version", 3)
                .containsEntry("champion_version", 2);
        assertThat(outputs.get("reason"))
                .asString()
                .contains("moved from version 1 to version 2 after this model was evaluated");
        assertThat(engine.models().aliased(MODEL, "champion"))
                .map(ModelVersion::version)
                .contains(2);
        assertThat(engine.models().version(MODEL, 3).lineage()).containsEntry("replaces", 1);
        // a retry of the same promote reuses the run's version instead of registering another
        assertThat(new PromoteModelTask().run(context).outputs()).containsEntry("version", 3);
        assertThat(engine.models().versions(MODEL)).hasSize(3);
    }

    /** The drift scripts/demo applies: a warmer vintage, and a panel that likes strong wines better. */
    private static String warmerVintage(String line) {
        String[] cells = line.split(",");
        double alcohol = Double.parseDouble(cells[10]);
        if (alcohol > 11.5) {
            cells[11] = String.valueOf(Integer.parseInt(cells[11]) + 1);
        }
        cells[10] = String.valueOf(alcohol + 1.0);
        return String.join(",", cells);
    }

    private static Path landing(String name) throws IOException {
        return Files.createDirectories(home.resolve(name));
    }

    private static Path batch(
            Path landing, String name, int from, int count, Instant modified, UnaryOperator<String> transform)
            throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(header);
        rows.subList(from, from + count).stream().map(transform).forEach(lines::add);
        Path file = Files.write(landing.resolve(name), lines);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    private static Run runOn(Path landing) throws InterruptedException {
        Run run = engine.runs()
                .trigger(TriggerRequest.manual(workflow.id(), Map.of("landing", landing.toString()), "test"));
        return engine.runs().awaitRun(run.runId(), Duration.ofMinutes(2));
    }

    /** The one event of the kind about the run that the webhook received (waiting for it a while). */
    private static WebhookReceiver.Received event(String kind, Run run) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> webhook.events(kind).stream()
                        .anyMatch(r -> run.runId().equals(r.subject().get("run_id"))));
        List<WebhookReceiver.Received> about = webhook.events(kind).stream()
                .filter(r -> run.runId().equals(r.subject().get("run_id")))
                .toList();
        assertThat(about).hasSize(1);
        return about.get(0);
    }

    private static Map<String, TaskState> states(Run run) {
        return engine.runs().taskRuns(run.runId()).stream().collect(Collectors.toMap(TaskRun::taskId, TaskRun::state));
    }

    private static TaskRun task(Run run, String taskId) {
        return engine.runs().taskRuns(run.runId()).stream()
                .filter(t -> t.taskId().equals(taskId))
                .findFirst()
                .orElseThrow();
    }

    private static Object output(Run run, String taskId, String key) {
        return task(run, taskId).outputs().get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static JsonNode artifact(Run run, String path) throws IOException {
        return JSON.readTree(engine.tracking()
                .localFile(engine.tracking().artifact(run.runId(), path))
                .toFile());
    }
}
