package dev.freshet.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freshet.engine.Engine;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.tracking.ModelVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static dev.freshet.web.Http.json;
import static dev.freshet.web.serving.PredictionLogging.MAX_ROWS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The prediction log through the server: ids in the {@code Freshet-Prediction-Ids} header, rows written off the
 * request path, ground truth joined by id and the realized errors per version.
 */
class PredictionLogTest {
    private static final String TOKEN = "log-token";
    private static final String HEADER = "Freshet-Prediction-Ids";
    private static final String[] JSON_TYPE = {"Content-Type", "application/json"};

    static Run run;

    @RegisterExtension
    static final FreshetServerExtension freshet = FreshetServerExtension.builder()
            .token(TOKEN)
            .defaultModel("wine")
            .beforeServer(PredictionLogTest::registerWine)
            .build();

    static Engine engine;
    static Http http;

    static void registerWine(Engine engine) {
        run = TestEngines.quickRun(engine);
        TestEngines.registerChampion(engine, "wine", run, 2.0, 0.5); // y = 0.5 + 2a + b
    }

    @BeforeAll
    static void start() {
        engine = freshet.engine();
        http = freshet.http();
    }

    /** Rows (a, b) = (i, 10 i): predictions 0.5 + 12 i, all different, so a swapped id shows as an error. */
    @Test
    void everyInputFormatGetsOneIdPerRowInRowOrder() {
        List<String> bodies = List.of(
                "{\"dataframe_split\": {\"columns\": [\"b\", \"a\"], \"data\": [[0, 0], [10, 1], [20, 2]]}}",
                "{\"dataframe_records\": [{\"a\": 3, \"b\": 30}, {\"a\": 4, \"b\": 40}]}",
                "{\"instances\": [{\"a\": 5, \"b\": 50}, {\"a\": 6, \"b\": 60}, {\"a\": 7, \"b\": 70}]}",
                "{\"inputs\": [[8, 80], [9, 90]]}",
                "{\"inputs\": {\"a\": [10, 11], \"b\": [100, 110]}}");
        long loggedBefore = engine.monitoring().logged("wine"); // other tests score the default model too
        List<String> ids = new ArrayList<>();
        List<Double> predictions = new ArrayList<>();
        for (String body : bodies) {
            score("/invocations", body, "application/json", ids, predictions);
        }
        score("/invocations", "b,a\n120,12\n130,13\n", "text/csv", ids, predictions);
        score("/models/wine/invocations", "{\"inputs\": [[14, 140], [15, 150]]}", "application/json", ids, predictions);
        score("/models/wine/invocations", "a,b\n16,160\n", "text/csv", ids, predictions);
        assertThat(predictions).hasSize(17);
        for (int i = 0; i < predictions.size(); i++) {
            assertThat(predictions.get(i)).isEqualTo(0.5 + 12 * i);
        }
        assertThat(new LinkedHashSet<>(ids)).hasSize(17);

        await().atMost(Duration.ofSeconds(10)).until(() -> engine.monitoring().logged("wine") >= loggedBefore + 17);
        StringBuilder feedback = new StringBuilder("{\"feedback\": [");
        for (int i = 0; i < ids.size(); i++) {
            feedback.append(i == 0 ? "" : ",")
                    .append("{\"prediction_id\": \"")
                    .append(ids.get(i))
                    .append("\", \"label\": ")
                    .append(0.5 + 12 * i)
                    .append('}');
        }
        JsonNode joined = json(
                http.post("/api/v1/models/wine/feedback", feedback.append("]}").toString()));
        assertThat(joined.get("joined").asInt()).isEqualTo(17);
        assertThat(joined.get("unknown").asInt()).isZero();

        JsonNode version = performance("wine", null).get(0);
        assertThat(version.get("labels").asInt()).isEqualTo(17);
        assertThat(version.get("rmse").asDouble())
                .as("each id names its own row")
                .isZero();
    }

    /** 2,500 ids do not fit one header line (Jetty's default header room was 8 KiB: this was a 500). */
    @Test
    void aLargeBatchGetsItsIdsInSeveralFieldsOfTheHeaderOnePerRowInRowOrder() {
        TestEngines.registerChampion(engine, "large", run, 2.0, 0.0); // y = 2a + b
        int rows = 2_500;
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            data.append(i == 0 ? "" : ",").append('[').append(i).append(", 0]");
        }
        String split = "{\"dataframe_split\": {\"columns\": [\"a\", \"b\"], \"data\": [" + data + "]}}";
        for (String path : List.of("/invocations", "/models/large/invocations")) {
            HttpResponse<String> response = http.postRaw(path, split, JSON_TYPE);
            assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(200);
            assertThat(response.headers().allValues(HEADER)).as(path).hasSizeGreaterThan(1);
            List<String> ids = ids(response);
            assertThat(new LinkedHashSet<>(ids)).as(path).hasSize(rows);
            assertThat(json(response).get("predictions").size()).isEqualTo(rows);
            if (path.startsWith("/models/large")) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> engine.monitoring().logged("large") >= rows);
                StringBuilder feedback = new StringBuilder("{\"feedback\": [");
                for (int i = 0; i < rows; i++) {
                    feedback.append(i == 0 ? "" : ",").append(label(ids.get(i), 2.0 * i));
                }
                JsonNode joined = json(http.post(
                        "/api/v1/models/large/feedback", feedback.append("]}").toString()));
                assertThat(joined.get("joined").asInt()).isEqualTo(rows);
                assertThat(performance("large", null).get(0).get("rmse").asDouble())
                        .as("the i-th id names the i-th row")
                        .isZero();
            }
        }
    }

    /**
     * The ids of a batch at the limit fit what common clients read: this test's JDK HttpClient (384 KiB of header
     * fields), curl (300 KiB) and Python's http.client (at most 100 fields).
     */
    @Test
    void aBatchAtTheRowLimitGetsItsIdsInAHeaderCommonClientsRead() {
        TestEngines.registerChampion(engine, "limit", run, 1.0, 1.0); // not the default model other tests count
        HttpResponse<String> response = http.postRaw("/models/limit/invocations", inputs(MAX_ROWS), JSON_TYPE);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new LinkedHashSet<>(ids(response))).hasSize(MAX_ROWS);
        List<String> fields = response.headers().allValues(HEADER);
        assertThat(fields).hasSizeLessThan(90);
        assertThat(fields.stream()
                        .mapToInt(field -> HEADER.length() + 4 + field.length())
                        .sum())
                .isLessThan(300 * 1024 - 1024);
    }

    @Test
    void moreRowsThanTheLogTakesInOneRequestIsRefusedWithTheLimitNamed() {
        HttpResponse<String> response = http.postRaw("/invocations", inputs(MAX_ROWS + 1), JSON_TYPE);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("detail").asText())
                .contains("at most " + MAX_ROWS + " rows", String.valueOf(MAX_ROWS + 1));
        assertThat(response.headers().allValues(HEADER)).isEmpty();
    }

    private static String inputs(int rows) {
        StringBuilder body = new StringBuilder("{\"inputs\": [");
        for (int i = 0; i < rows; i++) {
            body.append(i == 0 ? "[1,1]" : ",[1,1]");
        }
        return body.append("]}").toString();
    }

    @Test
    void labelsLateDuplicatedAndUnknownGiveTheRealizedErrorsPerVersion() {
        TestEngines.registerChampion(engine, "quality", run, 2.0, 0.0); // v1: y = 2a + b
        List<String> v1 = scoreAll("quality", "{\"inputs\": [[1, 0], [2, 0], [3, 0]]}"); // 2, 4, 6
        TestEngines.registerChampion(engine, "quality", run, 3.0, 0.0); // v2: y = 3a + b
        await().atMost(Duration.ofSeconds(10))
                .until(() -> http.postRaw("/models/quality/invocations", "{\"inputs\": [[0, 0]]}", JSON_TYPE)
                        .headers()
                        .firstValue("Freshet-Model")
                        .orElse("")
                        .endsWith("/2"));
        List<String> v2 = scoreAll("quality", "{\"inputs\": [[1, 0], [2, 0]]}"); // 3, 6
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.monitoring().logged("quality") >= 6);

        // v2's labels first (late ones for v1 come after), a wrong label corrected later, an id nobody issued
        JsonNode first = json(http.post(
                "/api/v1/models/quality/feedback",
                "{\"feedback\": [" + label(v2.get(1), 8) + "," + label(v1.get(2), 100) + "," + label("nobody-1", 1)
                        + "]}"));
        assertThat(first.get("joined").asInt()).isEqualTo(2);
        assertThat(first.get("unknown").asInt()).isEqualTo(1);
        HttpResponse<String> csv = http.postRaw(
                "/api/v1/models/quality/feedback",
                "prediction_id,label\n" + v1.get(2) + ",7\n" + v1.get(0) + ",2\n" + v2.get(0) + ",2\n" + v1.get(1)
                        + ",1\n",
                "Content-Type",
                "text/csv",
                "Authorization",
                "Bearer " + TOKEN);
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(json(csv).get("joined").asInt()).isEqualTo(4);

        // the same id twice in one batch: the later label is kept, the prediction counts once
        JsonNode twice = json(http.post(
                "/api/v1/models/quality/feedback",
                "{\"feedback\": [" + label(v2.get(0), 50) + "," + label(v2.get(0), 2) + "]}"));
        assertThat(twice.get("joined").asInt()).isEqualTo(2);

        // v1: errors 0, 3, -1 (the label 100 was replaced by 7); v2: errors 1, -2
        JsonNode versions = performance("quality", null);
        assertThat(versions).hasSize(2);
        assertVersion(versions.get(0), 1, 3, Math.sqrt(10.0 / 3), 4.0 / 3);
        assertVersion(versions.get(1), 2, 2, Math.sqrt(5.0 / 2), 3.0 / 2);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(http.get("/metrics").body())
                        .contains("freshet_model_realized_rmse{model=\"quality\",version=\"1\"} " + Math.sqrt(10.0 / 3))
                        .contains("freshet_model_realized_mae{model=\"quality\",version=\"2\"} 1.5")
                        .contains("freshet_model_labels{model=\"quality\",version=\"2\"} 2.0"));
        String page = http.browse("/models", null).body();
        String section = page.substring(page.indexOf("data-model=\"quality\""));
        String day = LocalDate.now(ZoneOffset.UTC).toString(); // of the predictions, made in this test
        assertThat(section.substring(0, section.indexOf("</section>")))
                .contains("Live performance", "class=\"compact live-performance\"", "<tr data-version=\"2\">")
                .contains("class=\"chart live-chart\"")
                .contains(
                        "data-version=\"1\" data-metric=\"rmse\"",
                        "data-version=\"1\" data-metric=\"mae\"",
                        "data-version=\"2\" data-metric=\"rmse\"",
                        "data-version=\"2\" data-metric=\"mae\"")
                .contains(
                        "<title>version 1, " + day + ": rmse 1.826 over 3 label(s)</title>",
                        "<title>version 1, " + day + ": mae 1.333 over 3 label(s)</title>",
                        "<title>version 2, " + day + ": rmse 1.581 over 2 label(s)</title>",
                        "<title>version 2, " + day + ": mae 1.500 over 2 label(s)</title>");
        assertThat(http.get("/metrics").body())
                .containsPattern("freshet_prediction_log_written_total\\{model=\"quality\"} [6-9]");
    }

    @Test
    void sinceKeepsOnlyPredictionsMadeFromThen() throws InterruptedException {
        TestEngines.registerChampion(engine, "windowed", run, 1.0, 0.0); // y = a + b
        List<String> before = scoreAll("windowed", "{\"inputs\": [[1, 0], [2, 0]]}");
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.monitoring().logged("windowed") >= 2);
        Instant from = Instant.now();
        await().atMost(Duration.ofSeconds(1)).until(() -> Instant.now().isAfter(from)); // the clock has moved on
        List<String> after = scoreAll("windowed", "{\"inputs\": [[3, 0]]}");
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.monitoring().logged("windowed") >= 3);
        http.post(
                "/api/v1/models/windowed/feedback",
                "{\"feedback\": [" + label(before.get(0), 11) + "," + label(before.get(1), 2) + ","
                        + label(after.get(0), 5) + "]}");

        assertVersion(performance("windowed", null).get(0), 1, 3, Math.sqrt(104.0 / 3), 12.0 / 3);
        assertVersion(performance("windowed", from.toString()).get(0), 1, 1, 2.0, 2.0);
        assertThat(performance("windowed", Instant.now().plusSeconds(60).toString()))
                .isEmpty();

        // ISO-8601's extremes, beyond PostgreSQL's timestamps (a query with one failed: a 500)
        for (String since : List.of("-999999999-01-01T00:00:00Z", "%2B999999999-12-31T23:59:59Z")) {
            for (String report : List.of("performance", "drift")) {
                assertProblem(
                        http.get("/api/v1/models/windowed/" + report + "?since=" + since), 400, "years 1 to 9999");
            }
        }
        assertVersion(performance("windowed", "0001-01-01T00:00:00Z").get(0), 1, 3, Math.sqrt(104.0 / 3), 12.0 / 3);
        assertThat(performance("windowed", "9999-12-31T23:59:59Z")).isEmpty();
    }

    /** Training data: a and b spread over [0, 1); served: a alike, b moved up by 5. */
    @Test
    void driftComparesTheServedFeaturesWithTheChampionsTrainingData() throws Exception {
        StringBuilder training = new StringBuilder("a,b,y\n");
        StringBuilder served = new StringBuilder("{\"inputs\": [");
        for (int i = 0; i < 300; i++) {
            double a = (i % 100) / 100.0;
            double b = ((i * 37) % 100) / 100.0;
            training.append(a).append(',').append(b).append(',').append(a + b).append('\n');
            served.append(i == 0 ? "" : ",")
                    .append('[')
                    .append(a)
                    .append(',')
                    .append(b + 5)
                    .append(']');
        }
        Path data = engine.tracking().artifactDir(run.runId(), "train").resolve("drifty-data.csv");
        Files.writeString(data, training);
        engine.tracking().logArtifact(run.runId(), "train", "drifty-data.csv", data);
        ModelVersion model = TestEngines.registerModel(engine, "drifty", run, 1.0, 0.0);
        ModelVersion withLineage = engine.models()
                .register(
                        "drifty",
                        run.runId(),
                        model.sourceUri(),
                        model.metrics(),
                        Map.of(
                                "features",
                                List.of("a", "b"),
                                "dataset_uri",
                                "runs:/" + run.runId() + "/drifty-data.csv"));
        engine.models().promote("drifty", "champion", withLineage.version(), "test");
        assertThat(json(http.get("/api/v1/models/drifty/drift")).get("status").asText())
                .isEqualTo("no_traffic");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> http.postRaw("/models/drifty/invocations", "{\"inputs\": [[0, 0]]}", JSON_TYPE)
                        .headers()
                        .firstValue("Freshet-Model")
                        .orElse("")
                        .endsWith("/" + withLineage.version()));
        scoreAll("drifty", served.append("]}").toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.monitoring().logged("drifty") >= 301);

        HttpResponse<String> response = http.get("/api/v1/models/drifty/drift");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode drift = json(response);
        assertThat(drift.get("status").asText()).isEqualTo("ok");
        assertThat(drift.get("champion_version").asInt()).isEqualTo(withLineage.version());
        assertThat(drift.get("rows").asInt()).isGreaterThanOrEqualTo(301);
        JsonNode a = drift.get("features").get(0);
        JsonNode b = drift.get("features").get(1);
        assertThat(a.get("feature").asText()).isEqualTo("a");
        assertThat(a.get("drifted").asBoolean()).as(a.toString()).isFalse();
        assertThat(b.get("feature").asText()).isEqualTo("b");
        assertThat(b.get("drifted").asBoolean()).isTrue();
        assertThat(b.get("ks_statistic").asDouble()).isGreaterThan(0.99);
        assertThat(b.get("psi").asDouble()).isGreaterThan(0.2);
        assertThat(drift.get("drifted_share").asDouble()).isEqualTo(0.5);
        assertThat(drift.get("dataset_drift").asBoolean()).isTrue();

        assertThat(json(http.get("/api/v1/models/drifty/drift?since="
                                + Instant.now().plusSeconds(60)))
                        .get("status")
                        .asText())
                .as("no predictions in the window")
                .isEqualTo("no_traffic");
        assertThat(http.get("/metrics").body())
                .contains("freshet_model_drift_drifted{feature=\"b\",model=\"drifty\"} 1.0")
                .contains("freshet_model_drift_drifted{feature=\"a\",model=\"drifty\"} 0.0")
                .contains("freshet_model_drift_share{model=\"drifty\"} 0.5");
        String page = http.browse("/models", null).body();
        String section = page.substring(page.indexOf("data-model=\"drifty\""));
        assertThat(section.substring(0, section.indexOf("</section>")))
                .contains("Live drift", "class=\"compact live-drift\"", "<tr data-feature=\"b\" class=\"drifted\">")
                .contains("class=\"chart drift-chart\"", "<g class=\"threshold\" data-psi=\"0.2000\">")
                .containsPattern("<g class=\"bar\" data-feature=\"a\" data-psi=\"[^\"]+\"><title>a: PSI [^<]+</title>")
                .containsPattern(
                        "<g class=\"bar drifted\" data-feature=\"b\" data-psi=\"[^\"]+\"><title>b: PSI [^<]+ \\(drifted\\)</title>")
                .contains("no labels yet: ")
                .doesNotContain("class=\"chart live-chart\"");

        TestEngines.registerChampion(engine, "undocumented", run, 1.0, 0.0);
        JsonNode none = json(http.get("/api/v1/models/undocumented/drift"));
        String untrafficked = http.browse("/models", null).body();
        String quiet = untrafficked.substring(untrafficked.indexOf("data-model=\"undocumented\""));
        assertThat(quiet.substring(0, quiet.indexOf("</section>")))
                .contains("no traffic yet: ")
                .doesNotContain("class=\"chart drift-chart\"");
        assertThat(none.get("status").asText()).isEqualTo("no_reference");
        assertThat(none.get("note").asText()).contains("features");
        assertProblem(http.get("/api/v1/models/ghost/drift"), 404, "ghost");
        assertProblem(http.get("/api/v1/models/drifty/drift?since=soon"), 400, "since");
    }

    @Test
    void aFeedbackBatchMayBeAsLargeAsAScoringBody() {
        StringBuilder csv = new StringBuilder("prediction_id,label\n");
        int labels = 0;
        while (csv.length() <= 2 << 20) { // 2 MiB: over the 1 MiB of the rest of the API
            csv.append("never-issued-").append(labels++).append(",1.5\n");
        }
        HttpResponse<String> response = http.postRaw(
                "/api/v1/models/wine/feedback",
                csv.toString(),
                "Content-Type",
                "text/csv",
                "Authorization",
                "Bearer " + TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("unknown").asInt()).isEqualTo(labels);
        assertThat(json(response).get("joined").asInt()).isZero();
    }

    @Test
    void feedbackNeedsTheToken() {
        HttpResponse<String> anonymous = http.postRaw("/api/v1/models/wine/feedback", "{\"feedback\": []}", JSON_TYPE);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = http.postRaw(
                "/api/v1/models/wine/feedback",
                "{\"feedback\": []}",
                "Content-Type",
                "application/json",
                "Authorization",
                "Bearer not-" + TOKEN);
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    @Test
    void badBodiesAre400sNamingTheFieldOrRow() {
        assertProblem(http.post("/api/v1/models/wine/feedback", "{}"), 400, "feedback: required");
        assertProblem(
                http.post("/api/v1/models/wine/feedback", "{\"feedback\": {}}"), 400, "feedback: expected an array");
        assertProblem(
                http.post(
                        "/api/v1/models/wine/feedback",
                        "{\"feedback\": [{\"prediction_id\": \"x\", \"label\": 1}, {\"prediction_id\": \"y\", \"label\": \"3\"}]}"),
                400,
                "feedback[1].label");
        assertProblem(
                http.post("/api/v1/models/wine/feedback", "{\"feedback\": [{\"label\": 1}]}"),
                400,
                "feedback[0].prediction_id");
        assertProblem(http.post("/api/v1/models/wine/feedback", "{\"feedback\": ["), 400, "malformed JSON");
        assertProblem(csvFeedback("prediction_id,label\na,1\nb,high\n"), 400, "row 1");
        assertProblem(csvFeedback("prediction_id,truth\na,1\n"), 400, "column 'label' is missing");
        assertProblem(csvFeedback("prediction_id,label,label\na,1,2\n"), 400, "column 'label' is given twice");
        assertProblem(
                http.postRaw(
                        "/api/v1/models/wine/feedback",
                        "x",
                        "Content-Type",
                        "text/plain",
                        "Authorization",
                        "Bearer " + TOKEN),
                415,
                "text/csv");
        assertProblem(http.post("/api/v1/models/ghost/feedback", "{\"feedback\": []}"), 404, "ghost");
        assertProblem(http.get("/api/v1/models/wine/performance?since=yesterday"), 400, "since");
        assertProblem(http.get("/api/v1/models/ghost/performance"), 404, "ghost");
    }

    @Test
    void withTheLogOffThereAreNoIds() {
        try (FreshetServer quiet = FreshetServer.start(engine, new ServerSettings(0, TOKEN, "wine", false))) {
            Http client = new Http(quiet.port(), TOKEN);
            HttpResponse<String> fast = client.postRaw("/invocations", "{\"inputs\": [[1, 2]]}", JSON_TYPE);
            HttpResponse<String> routed = client.postRaw("/invocations", "a,b\n1,2\n", "Content-Type", "text/csv");
            assertThat(fast.statusCode()).isEqualTo(200);
            assertThat(routed.statusCode()).isEqualTo(200);
            assertThat(fast.headers().firstValue(HEADER)).isEmpty();
            assertThat(routed.headers().firstValue(HEADER)).isEmpty();
        }
    }

    private static void score(String path, String body, String type, List<String> ids, List<Double> predictions) {
        HttpResponse<String> response = http.postRaw(path, body, "Content-Type", type);
        assertThat(response.statusCode()).as(body + " → " + response.body()).isEqualTo(200);
        List<String> these = ids(response);
        JsonNode values = json(response).get("predictions");
        assertThat(these).as(body).hasSize(values.size());
        ids.addAll(these);
        values.forEach(v -> predictions.add(v.asDouble()));
    }

    /** The ids of every field of the header, in order: a list split over repeated fields is one list. */
    private static List<String> ids(HttpResponse<String> response) {
        List<String> fields = response.headers().allValues(HEADER);
        assertThat(fields).as("the %s header", HEADER).isNotEmpty();
        return List.of(String.join(",", fields).split(","));
    }

    private static List<String> scoreAll(String model, String body) {
        List<String> ids = new ArrayList<>();
        score("/models/" + model + "/invocations", body, "application/json", ids, new ArrayList<>());
        return ids;
    }

    private static String label(String id, double label) {
        return "{\"prediction_id\": \"" + id + "\", \"label\": " + label + "}";
    }

    private static JsonNode performance(String model, String since) {
        HttpResponse<String> response =
                http.get("/api/v1/models/" + model + "/performance" + (since == null ? "" : "?since=" + since));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).get("versions");
    }

    private static void assertVersion(JsonNode version, int number, int labels, double rmse, double mae) {
        assertThat(version.get("version").asInt()).isEqualTo(number);
        assertThat(version.get("labels").asInt()).isEqualTo(labels);
        assertThat(version.get("rmse").asDouble()).isCloseTo(rmse, within(1e-9));
        assertThat(version.get("mae").asDouble()).isCloseTo(mae, within(1e-9));
    }

    private static HttpResponse<String> csvFeedback(String body) {
        return http.postRaw(
                "/api/v1/models/wine/feedback", body, "Content-Type", "text/csv", "Authorization", "Bearer " + TOKEN);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json(response).get("detail").asText()).contains(detail);
    }
}
