package dev.freshet.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freshet.engine.Engine;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.tracking.ModelVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static dev.freshet.web.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

class ServingTest {
    private static final String TOKEN = "serving-token";
    private static final String[] JSON_TYPE = {"Content-Type", "application/json"};

    static Run run;

    @RegisterExtension
    static final FreshetServerExtension freshet = FreshetServerExtension.builder()
            .token(TOKEN)
            .defaultModel("wine")
            .beforeServer(ServingTest::registerWine)
            .build();

    static Engine engine;
    static FreshetServer server;
    static Http http;

    static void registerWine(Engine engine) {
        run = TestEngines.quickRun(engine);
        // wine: y = 0.5 + 2a + b
        TestEngines.registerChampion(engine, "wine", run, 2.0, 0.5);
    }

    @BeforeAll
    static void start() {
        engine = freshet.engine();
        server = freshet.server();
        http = freshet.http();
    }

    @Test
    void scoresEveryMlflowInputFormat() {
        assertThat(
                        predict(
                                "{\"dataframe_split\": {\"columns\": [\"b\", \"a\", \"extra\"], \"data\": [[2, 1, 99], [0, 0, 0]]}}"))
                .containsExactly(4.5, 0.5);
        assertThat(predict("{\"dataframe_records\": [{\"a\": 1, \"b\": 2}, {\"a\": 0, \"b\": 0, \"note\": \"x\"}]}"))
                .containsExactly(4.5, 0.5);
        assertThat(predict("{\"instances\": [{\"a\": 1, \"b\": 2}]}")).containsExactly(4.5);
        assertThat(predict("{\"inputs\": [{\"a\": 1.5, \"b\": -1}]}")).containsExactly(2.5);
        assertThat(predict("{\"instances\": [[1, 2], [0, 0]]}")).containsExactly(4.5, 0.5);
        assertThat(predict("{\"inputs\": [[1, 2]]}")).containsExactly(4.5);
        assertThat(predict("{\"inputs\": {\"a\": [1, 0], \"b\": [2, 0]}}")).containsExactly(4.5, 0.5);
        assertThat(predict("{\"dataframe_split\": {\"columns\": [\"a\", \"b\"], \"data\": []}}"))
                .isEmpty();

        HttpResponse<String> csv = http.postRaw("/invocations", "b,a\n2,1\n0,0\n", "Content-Type", "text/csv");
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(numbers(json(csv).get("predictions"))).containsExactly(4.5, 0.5);
    }

    @Test
    void namesTheModelVersionThatAnswered() {
        HttpResponse<String> response = http.postRaw("/invocations", "{\"inputs\": [[1, 2]]}", JSON_TYPE);
        assertThat(response.headers().firstValue("Freshet-Model"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("models:/wine/"));
    }

    @Test
    void servesANamedModelsChampion() {
        HttpResponse<String> response = http.postRaw("/models/wine/invocations", "{\"inputs\": [[1, 2]]}", JSON_TYPE);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(numbers(json(response).get("predictions"))).containsExactly(4.5);

        HttpResponse<String> ghost = http.postRaw("/models/ghost/invocations", "{\"inputs\": [[1, 2]]}", JSON_TYPE);
        assertThat(ghost.statusCode()).isEqualTo(404);
        assertThat(json(ghost).get("detail").asText()).contains("ghost");
    }

    @Test
    void refusesOtherContentTypes() {
        HttpResponse<String> text = http.postRaw("/invocations", "a=1", "Content-Type", "text/plain");
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(json(text).get("title").asText()).isEqualTo("Unsupported Media Type");
        assertThat(json(text).get("detail").asText()).contains("text/plain");

        assertThat(http.postRaw("/invocations", "{\"inputs\": [[1, 2]]}").statusCode())
                .isEqualTo(415);
    }

    @Test
    void badInputIs400NamingTheColumnAndRow() {
        HttpResponse<String> missing =
                http.postRaw("/invocations", "{\"dataframe_records\": [{\"a\": 1, \"b\": 2}, {\"a\": 1}]}", JSON_TYPE);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).get("detail").asText()).contains("row 1", "'b'", "missing");

        HttpResponse<String> splitMissing = http.postRaw(
                "/invocations", "{\"dataframe_split\": {\"columns\": [\"a\"], \"data\": [[1]]}}", JSON_TYPE);
        assertThat(splitMissing.statusCode()).isEqualTo(400);
        assertThat(json(splitMissing).get("detail").asText()).contains("'b'", "missing");

        HttpResponse<String> text =
                http.postRaw("/invocations", "{\"instances\": [{\"a\": 1, \"b\": \"two\"}]}", JSON_TYPE);
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(json(text).get("detail").asText())
                .isEqualTo("row 0, column 'b': the string \"two\" is not a number");

        HttpResponse<String> csv = http.postRaw("/invocations", "a,b\n1,2\n3,abc\n", "Content-Type", "text/csv");
        assertThat(csv.statusCode()).isEqualTo(400);
        assertThat(json(csv).get("detail").asText()).isEqualTo("row 1, column 'b': 'abc' is not a number");

        HttpResponse<String> csvHeader = http.postRaw("/invocations", "a,c\n1,2\n", "Content-Type", "text/csv");
        assertThat(csvHeader.statusCode()).isEqualTo(400);
        assertThat(json(csvHeader).get("detail").asText()).contains("'b'", "missing");

        HttpResponse<String> shortRow = http.postRaw("/invocations", "{\"inputs\": [[1]]}", JSON_TYPE);
        assertThat(shortRow.statusCode()).isEqualTo(400);
        assertThat(json(shortRow).get("detail").asText()).contains("row 0", "[a, b]");

        HttpResponse<String> unknown = http.postRaw("/invocations", "{\"rows\": []}", JSON_TYPE);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("detail").asText()).contains("dataframe_split");

        HttpResponse<String> malformed = http.postRaw("/invocations", "{\"inputs\": [", JSON_TYPE);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("detail").asText()).contains("malformed JSON");
    }

    @Test
    void pingHealthAndVersion() {
        assertThat(http.get("/ping").statusCode()).isEqualTo(200);
        JsonNode health = json(http.get("/health"));
        assertThat(health.get("status").asText()).isEqualTo("healthy");
        assertThat(health.get("models").findValuesAsText("name")).contains("wine");
        HttpResponse<String> version = http.get("/version");
        assertThat(version.statusCode()).isEqualTo(200);
        assertThat(json(version).get("version").asText()).isNotBlank();
    }

    @Test
    void theModelsApiListsVersionsAndMovesTheChampion() {
        Run other = TestEngines.quickRun(engine);
        ModelVersion v1 = TestEngines.registerChampion(engine, "registry", other, 1.0, 0.0);
        ModelVersion v2 = TestEngines.registerModel(engine, "registry", other, 3.0, 0.0);

        JsonNode models = json(http.get("/api/v1/models"));
        JsonNode registry = null;
        for (JsonNode model : models.get("models")) {
            if (model.get("name").asText().equals("registry")) {
                registry = model;
            }
        }
        assertThat(registry).isNotNull();
        assertThat(registry.get("champion_version").asInt()).isEqualTo(v1.version());
        assertThat(registry.get("latest_version").asInt()).isEqualTo(v2.version());

        JsonNode versions = json(http.get("/api/v1/models/registry/versions"));
        assertThat(versions.get("total_entries").asInt()).isEqualTo(2);
        assertThat(versions.get("model_versions").get(0).get("run_id").asText()).isEqualTo(other.runId());
        assertThat(versions.get("model_versions").get(0).get("metrics").has("rmse"))
                .isTrue();

        String promote = "{\"version\": " + v2.version() + "}";
        assertThat(http.postRaw("/api/v1/models/registry/aliases/champion", promote, JSON_TYPE)
                        .statusCode())
                .isEqualTo(401);
        HttpResponse<String> promoted = http.post("/api/v1/models/registry/aliases/champion", promote);
        assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
        assertThat(engine.models().aliased("registry", "champion"))
                .map(ModelVersion::version)
                .contains(v2.version());

        assertThat(http.post("/api/v1/models/registry/aliases/champion", "{\"version\": \"2\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(http.post("/api/v1/models/registry/aliases/champion", "{\"version\": 99}")
                        .statusCode())
                .isEqualTo(404);

        HttpResponse<String> rolledBack = http.post("/api/v1/models/registry/rollback", "");
        assertThat(rolledBack.statusCode()).as(rolledBack.body()).isEqualTo(200);
        assertThat(json(rolledBack).get("version").asInt()).isEqualTo(v1.version());
        assertThat(engine.models().aliased("registry", "champion"))
                .map(ModelVersion::version)
                .contains(v1.version());

        JsonNode log = json(http.get("/api/v1/models/registry/promotions"));
        assertThat(log.get("total_entries").asInt()).isEqualTo(3);
        assertThat(http.get("/api/v1/models/ghost/versions").statusCode()).isEqualTo(404);
    }

    private static double swapPrediction(String body) {
        HttpResponse<String> response = http.postRaw("/models/swap/invocations", body, JSON_TYPE);
        return response.statusCode() == 200
                ? json(response).get("predictions").get(0).asDouble()
                : Double.NaN;
    }

    private static List<Double> predict(String body) {
        HttpResponse<String> response = http.postRaw("/invocations", body, JSON_TYPE);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return numbers(json(response).get("predictions"));
    }

    private static List<Double> numbers(JsonNode array) {
        List<Double> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asDouble()));
        return values;
    }
}
