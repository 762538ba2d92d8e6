package dev.freshet.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freshet.engine.Engine;
import dev.freshet.engine.tracking.ModelVersion;
import dev.freshet.tasks.model.LinearModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static dev.freshet.web.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The README's server walk-through on the shipped wine-quality workflow: the curl trigger reaches success, the UI
 * lists the run, and {@code /invocations} answers with the champion it promoted.
 */
class WineQualityServerTest {
    private static final String TOKEN = "wine-token";
    private static final Path SHIPPED = Path.of("../workflows");
    private static final List<String> COLUMNS = List.of(
            "fixed acidity",
            "volatile acidity",
            "citric acid",
            "residual sugar",
            "chlorides",
            "free sulfur dioxide",
            "total sulfur dioxide",
            "density",
            "pH",
            "sulphates",
            "alcohol");
    private static final double[] ROW = {7.4, 0.17, 0.29, 1.4, 0.047, 23, 107, 0.9939, 3.52, 0.65, 10.4};
    private static final String[] JSON_TYPE = {"Content-Type", "application/json"};

    @RegisterExtension
    static final FreshetServerExtension freshet = FreshetServerExtension.builder()
            .token(TOKEN)
            .withoutTestWorkflows()
            .beforeEngine(WineQualityServerTest::copyShippedWorkflow)
            .build();

    static Engine engine;
    static FreshetServer server;
    static Http http;

    /** The workflow and the data it names relative to itself, without the other shipped workflows. */
    static void copyShippedWorkflow(Path home) throws IOException {
        Path workflows = home.resolve("workflows");
        Path data = Files.createDirectories(workflows.resolve("data/wine-quality"));
        Files.copy(SHIPPED.resolve("wine-quality.yaml"), workflows.resolve("wine-quality.yaml"));
        for (String csv : List.of("white-train.csv", "white-test.csv")) {
            Files.copy(SHIPPED.resolve("data/wine-quality").resolve(csv), data.resolve(csv));
        }
    }

    @BeforeAll
    static void start() {
        engine = freshet.engine();
        server = freshet.server();
        http = freshet.http();
    }

    @Test
    void theReadmesCurlRunsTheWorkflowToSuccessTheUiListsItAndTheChampionScores() {
        HttpResponse<String> created =
                http.post("/api/v1/dags/wine-quality/dagRuns", "{\"conf\": {\"alpha\": 0.5, \"l1_ratio\": 0.5}}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String runId = json(created).get("dag_run_id").asText();
        assertThat(json(created).get("state").asText()).isIn("queued", "running", "success");
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(json(http.get("/api/v1/dags/wine-quality/dagRuns/" + runId))
                                .get("state")
                                .asText())
                        .isEqualTo("success"));

        String link = "href=\"/runs/" + runId + "\"";
        assertThat(http.browse("/runs", null).body()).contains(link, "rmse 0.8222");
        assertThat(http.browse("/", null).body()).contains(link);

        ModelVersion champion =
                engine.models().aliased("wine-quality", "champion").orElseThrow();
        assertThat(champion.version()).isEqualTo(1);
        assertThat(champion.runId()).isEqualTo(runId);
        LinearModel model = LinearModel.read(engine.models().resolveFile(champion.sourceUri()));
        double expected = model.predict(new double[][] {inFeatureOrder(model)})[0];

        String body = "{\"dataframe_split\": {\"columns\": " + quoted(COLUMNS) + ", \"data\": [" + Arrays.toString(ROW)
                + "]}}";
        await().atMost(Duration.ofSeconds(10))
                .until(() -> http.postRaw("/invocations", body, JSON_TYPE).statusCode(), status -> status == 200);
        HttpResponse<String> scored = http.postRaw("/invocations", body, JSON_TYPE);

        JsonNode predictions = json(scored).get("predictions");
        assertThat(predictions.size()).isEqualTo(1);
        assertThat(predictions.get(0).asDouble()).isCloseTo(expected, within(1e-9));
        assertThat(scored.headers().firstValue("Freshet-Model")).contains("models:/wine-quality/1");
    }

    private static double[] inFeatureOrder(LinearModel model) {
        return model.featureNames().stream()
                .mapToDouble(name -> ROW[COLUMNS.indexOf(name)])
                .toArray();
    }

    private static String quoted(List<String> names) {
        return names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", ", "[", "]"));
    }
}
