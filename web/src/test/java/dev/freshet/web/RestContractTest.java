package dev.freshet.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.TriggerRequest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.freshet.web.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The REST contract beyond single resources: every route documented in the OpenAPI document (and nothing documented
 * that does not exist), Swagger UI served locally, runs across all DAGs with a state filter, 405 and 413 as JSON
 * problems, and the Prometheus metrics.
 */
class RestContractTest extends ApiServerTest {
    @Test
    void everyApiRouteIsDocumentedAndEveryDocumentedRouteExists() {
        JsonNode document = json(http.get("/api/v1/openapi.json"));
        assertThat(document.get("openapi").asText()).startsWith("3.");
        List<String> documented = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths =
                        document.get("paths").properties().iterator();
                paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (List.of("get", "post", "put", "patch", "delete").contains(method)) {
                    documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            });
        }
        List<String> registered = server.routes().stream()
                .map(r -> r.method() + " " + r.path())
                .distinct()
                .toList();

        List<String> api = registered.stream()
                .filter(r -> r.split(" ", 2)[1].startsWith("/api/"))
                .toList();
        assertThat(api).hasSizeGreaterThan(15);
        assertThat(documented)
                .as("routes under /api missing from the OpenAPI document")
                .containsAll(api);
        assertThat(registered)
                .as("documented routes that the server does not have")
                .containsAll(documented);
        // every mutation of the API says it needs the bearer token
        document.get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(op -> {
                    if (path.getKey().startsWith("/api/")
                            && List.of("post", "patch", "put", "delete").contains(op.getKey())) {
                        assertThat(op.getValue().has("security"))
                                .as(op.getKey() + " " + path.getKey())
                                .isTrue();
                    }
                }));
    }

    @Test
    void anOversizedScoringBodyIs413WhicheverModelItIsFor() {
        Run run = TestEngines.quickRun(engine);
        TestEngines.registerChampion(engine, "first-of-two", run, 1.0, 0.0);
        TestEngines.registerChampion(engine, "second-of-two", run, 2.0, 0.0); // no default model any more

        String huge = "{\"inputs\": [[" + "1,".repeat(9 * 1024 * 1024) + "1]]}";
        HttpResponse<String> tooLarge = http.postRaw("/invocations", huge, "Content-Type", "application/json");

        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(json(tooLarge).get("status").asInt()).isEqualTo(413);
    }

    @Test
    void swaggerUiIsServedFromThisServer() {
        HttpResponse<String> page = http.get("/api/docs");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("http://", "https://");
        Matcher assets = Pattern.compile("(?:src|href)=\"(/[^\"]+)\"").matcher(page.body());
        int count = 0;
        while (assets.find()) {
            count++;
            assertThat(http.get(assets.group(1)).statusCode())
                    .as(assets.group(1))
                    .isEqualTo(200);
        }
        assertThat(count).isGreaterThanOrEqualTo(4);
        assertThat(http.get("/public/swagger-init.js").body()).contains("/api/v1/openapi.json");
    }

    @Test
    void runsOfEveryDagFilteredByState() {
        Run ok = TestEngines.runToEnd(
                engine, TriggerRequest.manual("quick", Map.of(), "test").withRunId("c-ok"));
        Run bad = TestEngines.runToEnd(
                engine, TriggerRequest.manual("flaky", Map.of(), "test").withRunId("c-bad"));

        JsonNode all = json(http.get("/api/v1/dags/~/dagRuns?limit=100"));
        assertThat(all.get("dag_runs").findValuesAsText("dag_run_id")).contains(ok.runId(), bad.runId());
        JsonNode failed = json(http.get("/api/v1/dags/~/dagRuns?state=failed"));
        assertThat(failed.get("dag_runs").findValuesAsText("dag_run_id"))
                .contains(bad.runId())
                .doesNotContain(ok.runId());
        assertThat(failed.get("dag_runs").findValuesAsText("state")).containsOnly("failed");
        assertThat(failed.get("total_entries").asLong())
                .isEqualTo(failed.get("dag_runs").size());
        JsonNode page = json(http.get("/api/v1/dags/~/dagRuns?limit=1&offset=1"));
        assertThat(page.get("dag_runs").size()).isEqualTo(1);
        assertThat(page.get("total_entries").asLong()).isGreaterThanOrEqualTo(2);

        HttpResponse<String> badState = http.get("/api/v1/dags/~/dagRuns?state=done");
        assertThat(badState.statusCode()).isEqualTo(400);
        assertThat(json(badState).get("detail").asText()).startsWith("state:");
        assertThat(http.get("/api/v1/dags/~").statusCode()).isEqualTo(404);
    }

    @Test
    void aWrongMethodIs405AndAnOversizedBodyIs413AsJsonProblems() {
        HttpResponse<String> wrongMethod = http.patch("/api/v1/experiments", "{}");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(json(wrongMethod).get("title").asText()).isEqualTo("Method Not Allowed");

        String huge = "{\"conf\": {\"blob\": \"" + "x".repeat(17 * 1024 * 1024) + "\"}}";
        HttpResponse<String> tooLarge = http.post("/api/v1/dags/quick/dagRuns", huge);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(json(tooLarge).get("status").asInt()).isEqualTo(413);
        assertThat(json(tooLarge).get("detail").asText()).contains("larger than the limit");
        HttpResponse<String> tooLargeToScore = http.postRaw("/invocations", huge, "Content-Type", "application/json");
        assertThat(tooLargeToScore.statusCode()).isEqualTo(413);
    }

    @Test
    void metricsArePrometheusTextWithRunsTasksDispatchLagPredictionsAndTheJvm() {
        Run run = TestEngines.runToEnd(
                engine, TriggerRequest.manual("hello", Map.of(), "test").withRunId("c-metrics"));
        TestEngines.registerChampion(engine, "metered", run, 1.0, 0.0);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> http.postRaw(
                                        "/invocations",
                                        "{\"inputs\": [[1, 2], [3, 4]]}",
                                        "Content-Type",
                                        "application/json")
                                .statusCode()
                        == 200);

        HttpResponse<String> metrics = http.get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        String text = metrics.body();
        assertThat(text).containsPattern("freshet_runs\\{state=\"success\"} [1-9]");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(http.get("/metrics").body())
                        .contains(
                                "freshet_task_duration_seconds_count{state=\"success\",task=\"say\",workflow=\"hello\"}")
                        .contains("freshet_dispatch_lag_seconds_count{workflow=\"hello\"}")
                        .contains("freshet_run_duration_seconds_count{state=\"success\",workflow=\"hello\"}"));
        assertThat(http.get("/metrics").body())
                .containsPattern("freshet_predictions_total\\{model=\"metered\"} [2-9]")
                .contains(
                        "freshet_prediction_requests_seconds_bucket",
                        "jvm_memory_used_bytes",
                        "jvm_threads_live_threads");
    }
}
