package dev.freshet.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freshet.engine.Engine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.freshet.web.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every answer of the Airflow-shaped REST API, checked against Apache Airflow's published stable API spec (2.10.0)
 * with an OpenAPI validator: a finished run, a run in progress (tasks that have not started), a failed run (tasks
 * that never ran after an upstream failure, a cleared task) and the errors. The last test checks that every route
 * Freshet shares with Airflow's spec had a successful answer checked.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AirflowSpecContractTest {
    static final String TOKEN = "spec-test-token";
    static final String SLOW = """
            id: slow
            tags: [slow]
            tasks:
              - id: wait
                type: sleep
                with: { seconds: 120 }
              - id: after
                type: noop
                needs: [wait]
            """;
    static final String BROKEN = """
            id: broken
            tasks:
              - id: only
                type: nope
            """;
    private static final String BEARER = "Bearer " + TOKEN;
    private static final String JSON_BODY = "application/json";

    @RegisterExtension
    static final FreshetServerExtension freshet = FreshetServerExtension.builder()
            .token(TOKEN)
            .workflow("slow.yaml", SLOW)
            .workflow("broken.yaml", BROKEN)
            .build();

    static Engine engine;
    static FreshetServer server;
    static Http http;
    static final AirflowSpec spec = new AirflowSpec();

    @BeforeAll
    static void startServer() {
        engine = freshet.engine();
        server = freshet.server();
        http = freshet.http();
    }

    @Test
    @Order(1)
    void aFinishedRun() {
        get("/api/v1/dags");
        get("/api/v1/dags?limit=2&offset=1&order_by=-dag_id&tags=test&only_active=true&paused=false"
                + "&dag_id_pattern=hel");
        get("/api/v1/dags/hello");
        send("PATCH", "/api/v1/dags/quick?update_mask=is_paused", "{\"is_paused\": true}");
        send("PATCH", "/api/v1/dags/quick", "{\"is_paused\": false}");

        send(
                "POST",
                "/api/v1/dags/hello/dagRuns",
                "{\"dag_run_id\": \"spec-done\", \"conf\": {\"greeting\": \"hey\"}, "
                        + "\"logical_date\": \"2024-05-01T00:00:00Z\", \"note\": \"from the spec test\"}");
        awaitState("hello", "spec-done", "success");

        get("/api/v1/dags/hello/dagRuns");
        get("/api/v1/dags/~/dagRuns?state=success&state=failed&order_by=-execution_date"
                + "&execution_date_gte=2024-01-01T00:00:00Z&execution_date_lte=2030-01-01&start_date_gte=2024-01-01"
                + "&end_date_lte=2100-01-01T00:00:00Z&limit=5");
        JsonNode run = json(get("/api/v1/dags/hello/dagRuns/spec-done"));
        assertThat(run.get("note").asText()).isEqualTo("from the spec test");
        get("/api/v1/dags/hello/dagRuns/spec-done/taskInstances");
        get("/api/v1/dags/hello/dagRuns/spec-done/upstreamDatasetEvents");
        get("/api/v1/datasets/events?source_run_id=spec-done&source_dag_id=hello");
        get("/api/v1/dags/hello/dagRuns/spec-done/taskInstances/say");
        get("/api/v1/dags/hello/dagRuns/spec-done/taskInstances/say/logs/1");
        get("/api/v1/dags/hello/dagRuns/spec-done/taskInstances/say/logs/1?full_content=true", "Accept", JSON_BODY);
        send("POST", "/api/v1/dags/hello/dagRuns/spec-done/clear", "{\"dry_run\": true}");
        send("POST", "/api/v1/dags/hello/dagRuns/spec-done/clear", "{}");
        JsonNode importErrors = json(get("/api/v1/importErrors"));
        assertThat(importErrors.get("import_errors").get(0).get("filename").asText())
                .endsWith("broken.yaml");
    }

    @Test
    @Order(2)
    void aRunInProgressWithTasksNotYetStarted() {
        send("POST", "/api/v1/dags/slow/dagRuns", "{\"dag_run_id\": \"spec-running\"}");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> json(http.get("/api/v1/dags/slow/dagRuns/spec-running/taskInstances/wait"))
                        .get("state")
                        .asText()
                        .equals("running"));

        assertThat(json(get("/api/v1/dags/slow/dagRuns/spec-running"))
                        .get("state")
                        .asText())
                .isEqualTo("running");
        JsonNode tasks = json(get("/api/v1/dags/slow/dagRuns/spec-running/taskInstances"))
                .get("task_instances");
        assertThat(tasks.get(1).get("state").isNull()).isTrue();
        get("/api/v1/dags/slow/dagRuns/spec-running/taskInstances/after");
        get("/api/v1/dags/slow/dagRuns/spec-running/taskInstances/wait");
        get("/api/v1/dags/~/dagRuns?state=running");
        send("PATCH", "/api/v1/dags/slow/dagRuns/spec-running", "{\"state\": \"failed\"}");
        awaitState("slow", "spec-running", "failed");
        get("/api/v1/dags/slow/dagRuns/spec-running/taskInstances");
    }

    @Test
    @Order(3)
    void aFailedRunMarkedAndCleared() {
        send("POST", "/api/v1/dags/flaky/dagRuns", "{\"dag_run_id\": \"spec-failed\"}");
        awaitState("flaky", "spec-failed", "failed");

        get("/api/v1/dags/flaky/dagRuns/spec-failed");
        JsonNode tasks = json(get("/api/v1/dags/flaky/dagRuns/spec-failed/taskInstances"))
                .get("task_instances");
        assertThat(tasks.findValuesAsText("state")).containsExactly("failed", "upstream_failed");
        get("/api/v1/dags/flaky/dagRuns/spec-failed/taskInstances/after");
        get("/api/v1/dags/flaky/dagRuns/spec-failed/taskInstances/check/logs/1", "Accept", JSON_BODY);
        get("/api/v1/dags/flaky/dagRuns/spec-failed/taskInstances/check/logs/1", "Accept", "text/plain");
        send("POST", "/api/v1/dags/flaky/dagRuns/spec-failed/clear", "{\"dry_run\": true}");
        assertThat(send(
                                "PATCH",
                                "/api/v1/dags/flaky/dagRuns/spec-failed/taskInstances/check",
                                "{\"new_state\": \"success\"}")
                        .statusCode())
                .isEqualTo(200);
        JsonNode cleared = json(send("POST", "/api/v1/dags/flaky/dagRuns/spec-failed/clear", "{\"dry_run\": false}"));
        assertThat(cleared.get("dag_run_id").asText()).isEqualTo("spec-failed");
        get("/api/v1/dags/flaky/dagRuns/spec-failed/taskInstances"); // just cleared: tasks with no status yet
        awaitState("flaky", "spec-failed", "failed");
        get("/api/v1/dags/flaky/dagRuns/spec-failed/taskInstances/check");
    }

    @Test
    @Order(4)
    void theErrors() {
        List<HttpResponse<String>> errors = List.of(
                get("/api/v1/dags/nope"),
                get("/api/v1/dags/hello/dagRuns/nope"),
                get("/api/v1/dags/nope/dagRuns"),
                get("/api/v1/dags/hello/dagRuns/spec-done/taskInstances/nope"),
                get("/api/v1/dags/hello/dagRuns/spec-done/taskInstances/say/logs/9"),
                get("/api/v1/dags/hello/dagRuns?state=done"),
                get("/api/v1/dags/hello/dagRuns?execution_date_gte=yesterday"),
                get("/api/v1/dags/hello/dagRuns?updated_at_gte=2024-01-01"),
                get("/api/v1/dags?paused=maybe"),
                get("/api/v1/dags?colour=blue"),
                send("POST", "/api/v1/dags/hello/dagRuns", "{\"conf\": []}"),
                send("POST", "/api/v1/dags/hello/dagRuns", "{\"dag_run_id\": \"spec-done\"}"),
                send("POST", "/api/v1/dags/hello/dagRuns", "{\"confx\": {}}"),
                send("POST", "/api/v1/dags/nope/dagRuns", "{}"),
                send("PATCH", "/api/v1/dags/hello?update_mask=description", "{\"is_paused\": true}"),
                send("PATCH", "/api/v1/dags/hello/dagRuns/spec-done", "{\"state\": \"queued\"}"),
                send("POST", "/api/v1/dags/hello/dagRuns/spec-done/clear", "{\"dry_run\": \"yes\"}"),
                spec.check(http.exchange("POST", "/api/v1/dags/hello/dagRuns", "{}", "Content-Type", JSON_BODY)),
                spec.check(http.exchange(
                        "PATCH",
                        "/api/v1/dags/hello",
                        "{\"is_paused\": true}",
                        "Content-Type",
                        JSON_BODY,
                        "Authorization",
                        "Bearer wrong")),
                spec.check(http.exchange(
                        "DELETE", "/api/v1/dags/hello/dagRuns/spec-done", null, "Authorization", BEARER)));

        assertThat(errors)
                .extracting(HttpResponse::statusCode)
                .containsExactly(
                        404, 404, 404, 404, 404, 400, 400, 400, 400, 400, 400, 409, 400, 404, 400, 400, 400, 401, 401,
                        405);
        assertThat(errors)
                .allSatisfy(
                        error -> assertThat(json(error).get("type").asText()).isEqualTo("about:blank"));
    }

    @Test
    @Order(5)
    void everyRouteSharedWithAirflowsSpecHadASuccessfulAnswerChecked() {
        Set<String> airflow = spec.operationKeys();
        Set<String> shared = new TreeSet<>();
        server.routes().forEach(route -> {
            String key = route.method() + " " + AirflowSpec.normalize(route.path());
            if (route.path().startsWith(AirflowSpec.BASE_PATH) && airflow.contains(key)) {
                shared.add(key);
            }
        });
        assertThat(shared).hasSizeGreaterThanOrEqualTo(10);
        assertThat(spec.coveredWithSuccess()).containsAll(shared);
    }

    @Test
    @Order(6)
    void freshetsOwnDocumentNamesAirflowsOperationAndSaysWhereItDiffers() {
        Map<String, String> airflow = spec.operationIds();
        JsonNode document = json(http.get("/api/v1/openapi.json"));
        List<String> shared = new java.util.ArrayList<>();
        document.get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(op -> {
                    String key =
                            op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + AirflowSpec.normalize(path.getKey());
                    if (path.getKey().startsWith(AirflowSpec.BASE_PATH) && airflow.containsKey(key)) {
                        shared.add(key);
                        assertThat(op.getValue().path("operationId").asText())
                                .as(key)
                                .isEqualTo(airflow.get(key));
                        assertThat(op.getValue().path("description").asText())
                                .as(key)
                                .contains("Compared with Airflow's `" + airflow.get(key) + "`");
                    }
                }));
        assertThat(shared).hasSizeGreaterThanOrEqualTo(12);
        assertThat(document.at("/components/securitySchemes/basicAuth/scheme").asText())
                .isEqualTo("basic");
    }

    private static HttpResponse<String> get(String path, String... headers) {
        return spec.check(http.exchange("GET", path, null, headers));
    }

    private static HttpResponse<String> send(String method, String path, String body) {
        return spec.check(http.exchange(method, path, body, "Content-Type", JSON_BODY, "Authorization", BEARER));
    }

    private static void awaitState(String dag, String runId, String state) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> json(http.get("/api/v1/dags/" + dag + "/dagRuns/" + runId))
                        .get("state")
                        .asText()
                        .equals(state));
    }
}
