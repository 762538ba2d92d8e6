package dev.freshet.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freshet.engine.Engine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static dev.freshet.web.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What Airflow's own client (generated from Airflow's stable API spec) relies on, over HTTP: readable task instances
 * and logs, Basic auth with the token, a dry-run clear that changes nothing, list filters that filter (or a 400
 * naming the parameter), the trigger's fields, {@code update_mask}, and the fields clients read.
 */
class AirflowClientCompatibilityTest {
    static final String TOKEN = "compat-test-token";
    static final String TYPED = """
            id: typed
            params:
              iterations: {type: integer, default: 10, minimum: 1}
            tasks:
              - id: only
                type: noop
            """;
    private static final String JSON_TYPE = "application/json";

    @RegisterExtension
    static final FreshetServerExtension freshet = FreshetServerExtension.builder()
            .token(TOKEN)
            .workflow("typed.yaml", TYPED)
            .build();

    static Engine engine;
    static FreshetServer server;
    static Http http;

    @BeforeAll
    static void startServer() {
        engine = freshet.engine();
        server = freshet.server();
        http = freshet.http();
    }

    @Test
    void tasksThatNeverRanCarryTheFieldsClientsReadAndNoNullTheSpecForbids() {
        trigger("flaky", "{\"dag_run_id\": \"compat-never-ran\"}");
        awaitState("flaky", "compat-never-ran", "failed");

        JsonNode after = json(http.get("/api/v1/dags/flaky/dagRuns/compat-never-ran/taskInstances/after"));

        assertThat(after.get("state").asText()).isEqualTo("upstream_failed");
        assertThat(after.get("hostname").isTextual())
                .as("hostname: %s", after.get("hostname"))
                .isTrue();
        assertThat(after.get("map_index").asInt()).isEqualTo(-1);
        assertThat(after.get("pool").asText()).isEqualTo("default_pool");
        assertThat(after.get("queue").asText()).isEqualTo("default");
        assertThat(after.get("operator").asText()).isEqualTo("noop");
        assertThat(after.get("execution_date").isTextual()).isTrue();
        assertThat(badRequest("/api/v1/dags/flaky/dagRuns/compat-never-ran/taskInstances?state=failed"))
                .startsWith("state:");
        assertThat(badRequest("/api/v1/dags/flaky/dagRuns/compat-never-ran/taskInstances?limt=5"))
                .startsWith("limt:");
        JsonNode dag = json(http.get("/api/v1/dags/flaky"));
        assertThat(dag.get("is_active").asBoolean()).isTrue();
        assertThat(dag.get("owners").isArray()).isTrue();
    }

    @Test
    void logsAreAirflowsJsonWhenJsonIsAcceptedAndPlainTextOtherwise() {
        trigger("hello", "{\"dag_run_id\": \"compat-logs\"}");
        awaitState("hello", "compat-logs", "success");
        String log = "/api/v1/dags/hello/dagRuns/compat-logs/taskInstances/say/logs/1";

        HttpResponse<String> asJson = http.exchange("GET", log, null, "Accept", JSON_TYPE);
        HttpResponse<String> asText = http.exchange("GET", log, null, "Accept", "text/plain");
        HttpResponse<String> noAccept = http.get(log);

        assertThat(asJson.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith(JSON_TYPE));
        JsonNode body = json(asJson);
        assertThat(body.get("content").asText()).contains("hello from shell");
        String token = body.get("continuation_token").asText();
        assertThat(json(http.exchange("GET", log + "?token=" + token, null, "Accept", JSON_TYPE))
                        .get("content")
                        .asText())
                .isEmpty();
        assertThat(asText.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(asText.body()).contains("hello from shell");
        assertThat(noAccept.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(http.exchange("GET", log + "?token=x", null).statusCode()).isEqualTo(400);
    }

    @Test
    void httpBasicWithTheTokenAsPasswordAuthorisesWritesBesideBearer() {
        String path = "/api/v1/dags/hello";
        String body = "{\"is_paused\": false}";

        HttpResponse<String> basic =
                http.exchange("PATCH", path, body, "Content-Type", JSON_TYPE, "Authorization", basic("anyone", TOKEN));
        HttpResponse<String> basicWrong =
                http.exchange("PATCH", path, body, "Content-Type", JSON_TYPE, "Authorization", basic("admin", "admin"));
        HttpResponse<String> basicTokenAsUser =
                http.exchange("PATCH", path, body, "Content-Type", JSON_TYPE, "Authorization", basic(TOKEN, ""));
        HttpResponse<String> notBase64 =
                http.exchange("PATCH", path, body, "Content-Type", JSON_TYPE, "Authorization", "Basic %%%");
        HttpResponse<String> bearer = http.patch(path, body);

        assertThat(basic.statusCode()).as(basic.body()).isEqualTo(200);
        assertThat(basicWrong.statusCode()).isEqualTo(401);
        assertThat(basicTokenAsUser.statusCode()).isEqualTo(401);
        assertThat(notBase64.statusCode()).isEqualTo(401);
        assertThat(bearer.statusCode()).isEqualTo(200);
        assertThat(http.exchange(
                                "POST",
                                "/api/v1/dags/hello/dagRuns",
                                "{\"dag_run_id\": \"compat-basic\"}",
                                "Content-Type",
                                JSON_TYPE,
                                "Authorization",
                                basic("", TOKEN))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aDryRunClearChangesNothingAndAnswersWhatWouldBeCleared() {
        trigger("flaky", "{\"dag_run_id\": \"compat-dry\"}");
        awaitState("flaky", "compat-dry", "failed");
        String run = "/api/v1/dags/flaky/dagRuns/compat-dry";
        String before = tasksState(run);

        HttpResponse<String> dryRun = http.post(run + "/clear", "{\"dry_run\": true}");
        HttpResponse<String> byDefault = http.post(run + "/clear", "{}");
        HttpResponse<String> noBody = http.post(run + "/clear", "");

        for (HttpResponse<String> answer : List.of(dryRun, byDefault, noBody)) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(json(answer).get("task_instances").findValuesAsText("task_id"))
                    .containsExactly("check", "after");
            assertThat(json(answer).get("task_instances").findValuesAsText("try_number"))
                    .containsExactly("1", "0");
        }
        assertThat(tasksState(run)).isEqualTo(before);
        assertThat(json(http.get(run)).get("state").asText()).isEqualTo("failed");
        assertThat(http.get(run + "/taskInstances/check/logs/2").statusCode()).isEqualTo(404);

        HttpResponse<String> cleared = http.post(run + "/clear", "{\"dry_run\": false}");

        assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(200);
        assertThat(json(cleared).get("dag_run_id").asText()).isEqualTo("compat-dry");
        assertThat(json(cleared).has("state")).isTrue();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> json(http.get(run + "/taskInstances/check"))
                                .get("try_number")
                                .asInt()
                        == 2);
    }

    @Test
    void runListFiltersAreAppliedOrNamedInA400() {
        trigger("quick", "{\"dag_run_id\": \"compat-jan\", \"logical_date\": \"2024-01-15T00:00:00Z\"}");
        trigger("quick", "{\"dag_run_id\": \"compat-jun\", \"logical_date\": \"2024-06-15T00:00:00Z\"}");
        trigger("quick", "{\"dag_run_id\": \"compat-sep\", \"logical_date\": \"2024-09-15T00:00:00+02:00\"}");
        for (String id : List.of("compat-jan", "compat-jun", "compat-sep")) {
            awaitState("quick", id, "success");
        }
        String runs = "/api/v1/dags/quick/dagRuns";

        assertThat(runIds(runs + "?execution_date_gte=2024-03-01&execution_date_lte=2024-12-31T00:00:00Z"))
                .containsExactly("compat-sep", "compat-jun");
        assertThat(runIds(runs + "?execution_date_lte=2024-06-15T00:00:00Z&order_by=execution_date"))
                .containsExactly("compat-jan", "compat-jun");
        assertThat(runIds(runs + "?execution_date_lte=2024-12-31&order_by=-dag_run_id"))
                .containsExactly("compat-sep", "compat-jun", "compat-jan");
        assertThat(runIds(runs + "?execution_date_gte=2030-01-01")).isEmpty();
        assertThat(json(http.get(runs + "?execution_date_gte=2030-01-01"))
                        .get("total_entries")
                        .asInt())
                .isZero();
        assertThat(runIds(runs + "?start_date_gte=2100-01-01")).isEmpty();
        assertThat(runIds(runs + "?end_date_lte=2000-01-01")).isEmpty();
        assertThat(runIds(runs + "?start_date_gte=2000-01-01&end_date_gte=2000-01-01&execution_date_lte=2024-12-31"))
                .hasSize(3);
        assertThat(runIds(runs + "?state=success&state=failed&execution_date_lte=2024-12-31"))
                .hasSize(3);
        assertThat(runIds(runs + "?state=failed&state=queued&execution_date_lte=2024-12-31"))
                .isEmpty();
        assertThat(
                        runIds(
                                "/api/v1/dags/~/dagRuns?execution_date_lte=2024-12-31&order_by=execution_date&limit=1&offset=1"))
                .containsExactly("compat-jun");

        assertThat(badRequest(runs + "?order_by=conf")).startsWith("order_by:");
        assertThat(badRequest(runs + "?execution_date_gte=soon")).startsWith("execution_date_gte:");
        assertThat(badRequest(runs + "?updated_at_lte=2024-01-01")).startsWith("updated_at_lte:");
        assertThat(badRequest(runs + "?execution_date=2024-01-15")).startsWith("execution_date:");
        assertThat(badRequest(runs + "?start_date_gte=2024-02-01&start_date_lte=2024-01-01"))
                .startsWith("start_date_lte:");
    }

    @Test
    void dagListFiltersAreAppliedOrNamedInA400() {
        assertThat(http.patch("/api/v1/dags/quick", "{\"is_paused\": true}").statusCode())
                .isEqualTo(200);
        try {
            assertThat(dagIds("/api/v1/dags?paused=true")).containsExactly("quick");
            assertThat(dagIds("/api/v1/dags?paused=false"))
                    .doesNotContain("quick")
                    .contains("hello", "flaky");
            assertThat(dagIds("/api/v1/dags?dag_id_pattern=LL")).containsExactly("hello");
            assertThat(dagIds("/api/v1/dags?tags=small")).containsExactly("hello");
            assertThat(dagIds("/api/v1/dags?tags=nothing&tags=test")).containsExactly("hello");
            assertThat(dagIds("/api/v1/dags?tags=nothing")).isEmpty();
            assertThat(dagIds("/api/v1/dags?only_active=false")).containsExactly("flaky", "hello", "quick", "typed");
            assertThat(dagIds("/api/v1/dags?only_active=true&order_by=-dag_id"))
                    .containsExactly("typed", "quick", "hello", "flaky");
            assertThat(json(http.get("/api/v1/dags?tags=small"))
                            .get("total_entries")
                            .asInt())
                    .isEqualTo(1);

            assertThat(badRequest("/api/v1/dags?order_by=owners")).startsWith("order_by:");
            assertThat(badRequest("/api/v1/dags?paused=sometimes")).startsWith("paused:");
            assertThat(badRequest("/api/v1/dags?dag_id=hello")).startsWith("dag_id:");
            assertThat(badRequest("/api/v1/dags?fields=dag_id")).startsWith("fields:");
        } finally {
            http.patch("/api/v1/dags/quick", "{\"is_paused\": false}");
        }
    }

    @Test
    void aTriggerTakesExecutionDateAsLogicalDateKeepsItsNoteAndRefusesUnknownFields() {
        JsonNode byExecutionDate = json(
                trigger(
                        "quick",
                        "{\"dag_run_id\": \"compat-exec\", \"execution_date\": \"2023-03-03T03:03:03Z\", \"note\": \"by hand\"}"));
        assertThat(byExecutionDate.get("logical_date").asText()).isEqualTo("2023-03-03T03:03:03Z");
        assertThat(byExecutionDate.get("execution_date").asText()).isEqualTo("2023-03-03T03:03:03Z");
        assertThat(byExecutionDate.get("note").asText()).isEqualTo("by hand");
        JsonNode read = json(http.get("/api/v1/dags/quick/dagRuns/compat-exec"));
        assertThat(read.get("note").asText()).isEqualTo("by hand");
        assertThat(read.get("execution_date").asText())
                .isEqualTo(read.get("logical_date").asText());
        JsonNode listed = json(http.get("/api/v1/dags/quick/dagRuns?execution_date_lte=2023-12-31"))
                .get("dag_runs");
        assertThat(listed.findValuesAsText("note")).contains("by hand");
        assertThat(json(trigger(
                                "quick",
                                "{\"dag_run_id\": \"compat-both\", \"execution_date\": "
                                        + "\"2023-04-04T00:00:00Z\", \"logical_date\": \"2023-04-04T02:00:00+02:00\"}"))
                        .get("logical_date")
                        .asText())
                .isEqualTo("2023-04-04T00:00:00Z");

        HttpResponse<String> disagree = http.post(
                "/api/v1/dags/quick/dagRuns",
                "{\"execution_date\": \"2023-05-05T00:00:00Z\", \"logical_date\": \"2023-05-06T00:00:00Z\"}");
        HttpResponse<String> unknown = http.post(
                "/api/v1/dags/quick/dagRuns", "{\"confx\": {\"a\": 1}, \"conf\": {}, \"state\": \"success\"}");
        HttpResponse<String> typed = http.post("/api/v1/dags/typed/dagRuns", "{\"conf\": {\"iterations\": \"many\"}}");

        assertThat(disagree.statusCode()).isEqualTo(400);
        assertThat(json(disagree).get("detail").asText())
                .startsWith("execution_date:")
                .contains("logical_date");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("detail").asText())
                .contains("'confx'", "'state'")
                .doesNotContain("'conf'");
        assertThat(typed.statusCode()).isEqualTo(400);
        assertThat(json(typed).get("detail").asText()).contains("iterations");
    }

    @Test
    void aDagsUpdateMaskMayOnlyNameIsPaused() {
        HttpResponse<String> other = http.patch("/api/v1/dags/hello?update_mask=description", "{\"is_paused\": true}");
        HttpResponse<String> mixed =
                http.patch("/api/v1/dags/hello?update_mask=is_paused,tags", "{\"is_paused\": true}");
        HttpResponse<String> paused = http.patch("/api/v1/dags/hello?update_mask=is_paused", "{\"is_paused\": true}");
        HttpResponse<String> unpaused = http.patch("/api/v1/dags/hello", "{\"is_paused\": false}");

        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(json(other).get("detail").asText())
                .startsWith("update_mask:")
                .contains("description");
        assertThat(mixed.statusCode()).isEqualTo(400);
        assertThat(json(mixed).get("detail").asText()).contains("tags");
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(json(paused).get("is_paused").asBoolean()).isTrue();
        assertThat(json(unpaused).get("is_paused").asBoolean()).isFalse();
    }

    @Test
    void unknownFieldsOfADagsUpdateARunsUpdateAndAClearAre400sNamingThem() {
        trigger("quick", "{\"dag_run_id\": \"compat-unknown-fields\"}");
        awaitState("quick", "compat-unknown-fields", "success");
        String run = "/api/v1/dags/quick/dagRuns/compat-unknown-fields";

        HttpResponse<String> dag = http.patch("/api/v1/dags/hello", "{\"is_paused\": false, \"foo\": 1}");
        HttpResponse<String> clear = http.post(run + "/clear", "{\"dry_run\": true, \"x\": 1, \"y\": 2}");
        HttpResponse<String> update = http.patch(run, "{\"state\": \"failed\", \"note\": \"n\"}");

        assertThat(dag.statusCode()).as(dag.body()).isEqualTo(400);
        assertThat(json(dag).get("detail").asText())
                .contains("unknown field 'foo'")
                .contains("is_paused");
        assertThat(clear.statusCode()).as(clear.body()).isEqualTo(400);
        assertThat(json(clear).get("detail").asText())
                .contains("unknown fields 'x', 'y'")
                .contains("dry_run");
        assertThat(update.statusCode()).as(update.body()).isEqualTo(400);
        assertThat(json(update).get("detail").asText()).contains("unknown field 'note'");
        assertThat(json(http.get(run)).get("state").asText()).isEqualTo("success");
        assertThat(http.post(run + "/clear", "{\"dry_run\": true}").statusCode())
                .isEqualTo(200);
    }

    @Test
    void errorBodiesCarryTheProblemType() {
        for (HttpResponse<String> error : List.of(
                http.get("/api/v1/dags/nope"),
                http.post("/api/v1/dags/hello/dagRuns", "[]"),
                http.postRaw("/api/v1/dags/hello/dagRuns", "{}"),
                http.get("/api/v1/nothing-here"))) {
            JsonNode body = json(error);
            assertThat(body.get("type").asText()).isEqualTo("about:blank");
            assertThat(body.get("title").isTextual()).isTrue();
            assertThat(body.get("status").asInt()).isEqualTo(error.statusCode());
            assertThat(body.get("detail").isTextual()).isTrue();
        }
    }

    private static HttpResponse<String> trigger(String dag, String body) {
        HttpResponse<String> response = http.post("/api/v1/dags/" + dag + "/dagRuns", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    /** Each task's id, state, try number and dates, as one string to compare. */
    private static String tasksState(String run) {
        List<String> tasks = new ArrayList<>();
        json(http.get(run + "/taskInstances"))
                .get("task_instances")
                .forEach(task -> tasks.add(task.get("task_id")
                        + " " + task.get("state") + " " + task.get("try_number") + " " + task.get("start_date") + " "
                        + task.get("end_date")));
        return String.join("\n", tasks);
    }

    private static List<String> runIds(String path) {
        HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).get("dag_runs").findValuesAsText("dag_run_id");
    }

    private static List<String> dagIds(String path) {
        HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).get("dags").findValuesAsText("dag_id");
    }

    private static String badRequest(String path) {
        HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        return json(response).get("detail").asText();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static void awaitState(String dag, String runId, String state) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> json(http.get("/api/v1/dags/" + dag + "/dagRuns/" + runId))
                        .get("state")
                        .asText()
                        .equals(state));
    }
}
