package dev.freshet.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunQuery;
import dev.freshet.engine.run.TriggerRequest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static dev.freshet.web.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RestApiTest extends ApiServerTest {
    @Test
    void triggersARunAndReportsItUntilSuccess() {
        HttpResponse<String> created = http.post(
                "/api/v1/dags/hello/dagRuns",
                "{\"conf\": {\"greeting\": \"hey\"}, \"dag_run_id\": \"rest-run-1\", \"logical_date\": \"2024-05-01T00:00:00Z\"}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode run = json(created);
        assertThat(run.get("dag_run_id").asText()).isEqualTo("rest-run-1");
        assertThat(run.get("dag_id").asText()).isEqualTo("hello");
        assertThat(run.get("logical_date").asText()).isEqualTo("2024-05-01T00:00:00Z");
        assertThat(run.get("conf").get("greeting").asText()).isEqualTo("hey");
        assertThat(run.get("run_type").asText()).isEqualTo("manual");
        assertThat(run.get("external_trigger").asBoolean()).isTrue();
        assertThat(run.get("state").asText()).isIn("queued", "running", "success");

        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            last.set(json(http.get("/api/v1/dags/hello/dagRuns/rest-run-1")));
            assertThat(last.get().get("state").asText()).isEqualTo("success");
        });
        assertThat(last.get().get("start_date").isTextual()).isTrue();
        assertThat(last.get().get("end_date").isTextual()).isTrue();

        JsonNode list = json(http.get("/api/v1/dags/hello/dagRuns?limit=50&offset=0"));
        assertThat(list.get("total_entries").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(list.get("dag_runs").findValuesAsText("dag_run_id")).contains("rest-run-1");
    }

    @Test
    void listsTaskInstancesInAirflowsShapeAndServesTheirLogs() {
        http.post("/api/v1/dags/hello/dagRuns", "{\"dag_run_id\": \"rest-tasks\"}");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> json(http.get("/api/v1/dags/hello/dagRuns/rest-tasks"))
                        .get("state")
                        .asText()
                        .equals("success"));

        JsonNode body = json(http.get("/api/v1/dags/hello/dagRuns/rest-tasks/taskInstances"));

        assertThat(body.get("total_entries").asInt()).isEqualTo(3);
        JsonNode say = body.get("task_instances").get(1);
        assertThat(say.get("task_id").asText()).isEqualTo("say");
        assertThat(say.get("dag_id").asText()).isEqualTo("hello");
        assertThat(say.get("dag_run_id").asText()).isEqualTo("rest-tasks");
        assertThat(say.get("state").asText()).isEqualTo("success");
        assertThat(say.get("try_number").asInt()).isEqualTo(1);
        assertThat(say.get("operator").asText()).isEqualTo("shell");
        assertThat(say.get("duration").isNumber()).isTrue();
        assertThat(say.has("start_date")).isTrue();
        assertThat(say.has("end_date")).isTrue();

        HttpResponse<String> log = http.get("/api/v1/dags/hello/dagRuns/rest-tasks/taskInstances/say/logs/1");
        assertThat(log.statusCode()).isEqualTo(200);
        assertThat(log.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(log.body()).contains("hello from shell");
        assertThat(log.headers().firstValue("X-Content-Type-Options")).contains("nosniff");

        HttpResponse<String> noSuchTry = http.get("/api/v1/dags/hello/dagRuns/rest-tasks/taskInstances/say/logs/7");
        assertThat(noSuchTry.statusCode()).isEqualTo(404);
        assertThat(json(noSuchTry).get("detail").asText()).contains("no log for try 7");
    }

    @Test
    void aQueuedTaskHasNullState() {
        http.post("/api/v1/dags/hello/dagRuns", "{\"dag_run_id\": \"rest-states\"}");
        JsonNode tasks = json(http.get("/api/v1/dags/hello/dagRuns/rest-states/taskInstances"));
        // whatever has happened meanwhile, every state is an Airflow name or null (never "none")
        tasks.get("task_instances")
                .forEach(t -> assertThat(t.get("state").isNull()
                                || !t.get("state").asText().equals("none"))
                        .isTrue());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> json(http.get("/api/v1/dags/hello/dagRuns/rest-states"))
                        .get("state")
                        .asText()
                        .equals("success"));
    }

    @Test
    void refusesMutationsWithoutTheRightToken() {
        long before = runCount();

        HttpResponse<String> none =
                http.postRaw("/api/v1/dags/hello/dagRuns", "{}", "Content-Type", "application/json");
        HttpResponse<String> wrong = http.postRaw(
                "/api/v1/dags/hello/dagRuns",
                "{}",
                "Content-Type",
                "application/json",
                "Authorization",
                "Bearer not-the-token");
        HttpResponse<String> notBearer =
                http.postRaw("/api/v1/dags/hello/dagRuns", "{}", "Authorization", "Basic " + TOKEN);

        for (HttpResponse<String> response : java.util.List.of(none, wrong, notBearer)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(json(response).get("status").asInt()).isEqualTo(401);
            assertThat(json(response).get("title").asText()).isEqualTo("Unauthorized");
            assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        }
        assertThat(runCount()).isEqualTo(before);
        // reads stay open
        assertThat(http.get("/api/v1/dags").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownThingsAre404Json() {
        HttpResponse<String> dag = http.get("/api/v1/dags/nope/dagRuns");
        assertThat(dag.statusCode()).isEqualTo(404);
        assertThat(json(dag).get("status").asInt()).isEqualTo(404);
        assertThat(json(dag).get("title").asText()).isEqualTo("Not Found");
        assertThat(json(dag).get("detail").asText()).isEqualTo("dag 'nope' does not exist");

        HttpResponse<String> run = http.get("/api/v1/dags/hello/dagRuns/missing-run");
        assertThat(run.statusCode()).isEqualTo(404);
        assertThat(json(run).get("detail").asText()).contains("missing-run");

        HttpResponse<String> trigger = http.post("/api/v1/dags/nope/dagRuns", "{}");
        assertThat(trigger.statusCode()).isEqualTo(404);

        HttpResponse<String> route = http.get("/api/v1/no/such/route");
        assertThat(route.statusCode()).isEqualTo(404);
        assertThat(json(route).get("title").asText()).isEqualTo("Not Found");
    }

    @Test
    void aRunOfAnotherDagIsNotFoundUnderThisOne() {
        String runId = TestEngines.quickRun(engine).runId();

        assertThat(http.get("/api/v1/dags/quick/dagRuns/" + runId).statusCode()).isEqualTo(200);
        HttpResponse<String> elsewhere = http.get("/api/v1/dags/hello/dagRuns/" + runId);
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(json(elsewhere).get("detail").asText()).contains("does not exist in dag 'hello'");
    }

    @Test
    void badBodiesAre400NamingTheField() {
        HttpResponse<String> confNotObject = http.post("/api/v1/dags/hello/dagRuns", "{\"conf\": [1, 2]}");
        assertThat(confNotObject.statusCode()).isEqualTo(400);
        assertThat(json(confNotObject).get("detail").asText()).startsWith("conf:");

        HttpResponse<String> nullValue = http.post("/api/v1/dags/hello/dagRuns", "{\"conf\": {\"greeting\": null}}");
        assertThat(nullValue.statusCode()).isEqualTo(400);
        assertThat(json(nullValue).get("detail").asText()).startsWith("conf.greeting:");

        HttpResponse<String> notAnObject = http.post("/api/v1/dags/hello/dagRuns", "[]");
        assertThat(notAnObject.statusCode()).isEqualTo(400);
        assertThat(json(notAnObject).get("detail").asText()).contains("expected a JSON object");

        HttpResponse<String> malformed = http.post("/api/v1/dags/hello/dagRuns", "{\"conf\": {");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("detail").asText()).contains("malformed JSON");

        HttpResponse<String> badDate = http.post("/api/v1/dags/hello/dagRuns", "{\"logical_date\": \"yesterday\"}");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(json(badDate).get("detail").asText()).startsWith("logical_date:");

        // ISO-8601's extremes, beyond PostgreSQL's timestamps (a query with one failed: a 500)
        for (String date : List.of("-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z")) {
            HttpResponse<String> farDate =
                    http.post("/api/v1/dags/hello/dagRuns", "{\"logical_date\": \"" + date + "\"}");
            assertThat(farDate.statusCode()).as(date).isEqualTo(400);
            assertThat(json(farDate).get("detail").asText())
                    .startsWith("logical_date:")
                    .contains("years 1 to 9999");
            HttpResponse<String> farFilter =
                    http.get("/api/v1/dags/hello/dagRuns?start_date_gte=" + date.replace("+", "%2B"));
            assertThat(farFilter.statusCode()).as(date).isEqualTo(400);
            assertThat(json(farFilter).get("detail").asText()).startsWith("start_date_gte:");
        }

        HttpResponse<String> badRunId = http.post("/api/v1/dags/hello/dagRuns", "{\"dag_run_id\": 12}");
        assertThat(badRunId.statusCode()).isEqualTo(400);
        assertThat(json(badRunId).get("detail").asText()).startsWith("dag_run_id:");

        HttpResponse<String> pause = http.patch("/api/v1/dags/quick", "{\"is_paused\": \"yes\"}");
        assertThat(pause.statusCode()).isEqualTo(400);
        assertThat(json(pause).get("detail").asText()).startsWith("is_paused:");

        HttpResponse<String> limit = http.get("/api/v1/dags/hello/dagRuns?limit=abc");
        assertThat(limit.statusCode()).isEqualTo(400);
        assertThat(json(limit).get("detail").asText()).startsWith("limit:");
        HttpResponse<String> offset = http.get("/api/v1/dags/hello/dagRuns?offset=-1");
        assertThat(offset.statusCode()).isEqualTo(400);
        assertThat(json(offset).get("detail").asText()).startsWith("offset:");
    }

    @Test
    void aConfOverItsLimitIs400StatingTheLimit() {
        String big = "{\"conf\": {\"a\": \"" + "x".repeat(7_000) + "\""
                + java.util.stream.IntStream.range(0, 15)
                        .mapToObj(i -> ", \"p" + i + "\": \"" + "z".repeat(7_000) + "\"")
                        .collect(java.util.stream.Collectors.joining())
                + "}}";
        HttpResponse<String> tooBig = http.post("/api/v1/dags/hello/dagRuns", big);
        assertThat(tooBig.statusCode()).isEqualTo(400);
        assertThat(json(tooBig).get("detail").asText()).endsWith("characters as JSON; at most 100000 are allowed");

        HttpResponse<String> longValue =
                http.post("/api/v1/dags/hello/dagRuns", "{\"conf\": {\"greeting\": \"" + "x".repeat(8_001) + "\"}}");
        assertThat(longValue.statusCode()).isEqualTo(400);
        assertThat(json(longValue).get("detail").asText())
                .isEqualTo("conf.greeting: the value is 8001 characters; a param value may be at most 8000");
    }

    @Test
    void anEmptyBodyTriggersWithTheDefaults() {
        HttpResponse<String> created = http.post("/api/v1/dags/quick/dagRuns", "");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(json(created).get("conf").isEmpty()).isTrue();
        assertThat(json(created).get("dag_run_id").asText()).isNotBlank();
    }

    @Test
    void aDuplicateRunIdIsAConflict() {
        assertThat(http.post("/api/v1/dags/quick/dagRuns", "{\"dag_run_id\": \"twice\"}")
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> again = http.post("/api/v1/dags/quick/dagRuns", "{\"dag_run_id\": \"twice\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("title").asText()).isEqualTo("Conflict");
    }

    @Test
    void idsThatCouldLeaveTheLogFolderAre400() {
        HttpResponse<String> dots = http.get("/api/v1/dags/hello/dagRuns/..%2F..%2Fetc/taskInstances/say/logs/1");
        assertThat(dots.statusCode()).isEqualTo(400);
        assertThat(json(dots).get("detail").asText()).startsWith("dag_run_id:");

        HttpResponse<String> task = http.get("/api/v1/dags/hello/dagRuns/x/taskInstances/..%2Fsay/logs/1");
        assertThat(task.statusCode()).isEqualTo(400);
        assertThat(json(task).get("detail").asText()).startsWith("task_id:");

        HttpResponse<String> dotdot = http.get("/api/v1/dags/hello/dagRuns/a..b/taskInstances/say/logs/1");
        assertThat(dotdot.statusCode()).isEqualTo(400);
        assertThat(json(dotdot).get("detail").asText()).startsWith("dag_run_id:");

        HttpResponse<String> badTry = http.get("/api/v1/dags/hello/dagRuns/x/taskInstances/say/logs/zero");
        assertThat(badTry.statusCode()).isEqualTo(400);
        assertThat(json(badTry).get("detail").asText()).startsWith("try:");
    }

    @Test
    void listsDagsAndPausesThem() {
        JsonNode dags = json(http.get("/api/v1/dags"));
        assertThat(dags.get("total_entries").asInt()).isEqualTo(3);
        assertThat(dags.get("dags").findValuesAsText("dag_id")).containsExactly("flaky", "hello", "quick");
        JsonNode hello = dags.get("dags").get(1);
        assertThat(hello.get("dag_id").asText()).isEqualTo("hello");
        assertThat(hello.get("description").asText()).isEqualTo("A small test workflow");
        assertThat(hello.get("is_paused").asBoolean()).isFalse();
        assertThat(hello.get("schedule_interval").isNull()).isTrue();
        assertThat(hello.get("fileloc").asText()).endsWith("hello.yaml");
        assertThat(hello.get("tags").findValuesAsText("name")).containsExactly("test", "small");
        JsonNode quick = dags.get("dags").get(2);
        assertThat(quick.get("schedule_interval").get("value").asText()).isEqualTo("@daily");
        assertThat(quick.get("next_dagrun").isTextual()).isTrue();

        HttpResponse<String> paused = http.patch("/api/v1/dags/quick", "{\"is_paused\": true}");
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        assertThat(json(paused).get("is_paused").asBoolean()).isTrue();
        assertThat(engine.isPaused("quick")).isTrue();
        HttpResponse<String> resumed = http.patch("/api/v1/dags/quick", "{\"is_paused\": false}");
        assertThat(json(resumed).get("is_paused").asBoolean()).isFalse();

        assertThat(http.patch("/api/v1/dags/ghost", "{\"is_paused\": true}").statusCode())
                .isEqualTo(404);
    }

    @Test
    void createsAndListsExperiments() {
        HttpResponse<String> created = http.post("/api/v1/experiments", "{\"name\": \"tuning\"}");
        assertThat(created.statusCode()).isEqualTo(200);
        long id = json(created).get("experiment_id").asLong();
        assertThat(json(created).get("name").asText()).isEqualTo("tuning");

        JsonNode list = json(http.get("/api/v1/experiments"));
        assertThat(list.get("experiments").findValuesAsText("name")).contains("tuning");
        assertThat(list.get("experiments").findValues("experiment_id")).anyMatch(n -> n.asLong() == id);

        assertThat(http.post("/api/v1/experiments", "{\"name\": \"tuning\"}").statusCode())
                .isEqualTo(409);
        HttpResponse<String> noName = http.post("/api/v1/experiments", "{}");
        assertThat(noName.statusCode()).isEqualTo(400);
        assertThat(json(noName).get("detail").asText()).startsWith("name:");
    }

    @Test
    void everyCollectionPagesWithLimitAndOffsetAndCountsEverything() {
        Run run = TestEngines.runToEnd(
                engine, TriggerRequest.manual("hello", Map.of(), "test").withRunId("c-paged"));
        for (String name : List.of("paged-a", "paged-b", "paged-c")) {
            engine.tracking().createExperiment(name);
        }
        for (int i = 0; i < 3; i++) {
            TestEngines.registerChampion(engine, "paged-model-" + i, run, 1.0 + i, 0.0);
            TestEngines.registerChampion(engine, "paged-model", run, 1.0 + i, 0.0);
        }
        String tasks = "/api/v1/dags/hello/dagRuns/c-paged/taskInstances";

        assertPages(tasks, "task_instances");
        assertPages("/api/v1/experiments", "experiments");
        assertPages("/api/v1/models", "models");
        assertPages("/api/v1/models/paged-model/versions", "model_versions");
        assertPages("/api/v1/models/paged-model/promotions", "promotions");
        assertThat(json(http.get(tasks)).get("total_entries").asInt()).isEqualTo(3);
        assertThat(json(http.get("/api/v1/models/paged-model/versions?limit=2"))
                        .get("total_entries")
                        .asInt())
                .isEqualTo(3);

        // and the OpenAPI document offers limit and offset on every collection it describes
        List<String> collections = new ArrayList<>();
        json(http.get("/api/v1/openapi.json")).get("paths").properties().forEach(path -> {
            JsonNode get = path.getValue().get("get");
            String ok = get == null ? "" : get.path("responses").path("200").toString();
            if (ok.contains("total_entries") || ok.contains("Collection\"")) {
                collections.add(path.getKey());
                assertThat(get.path("parameters").toString())
                        .as(path.getKey())
                        .contains("#/components/parameters/Limit", "#/components/parameters/Offset");
            }
        });
        assertThat(collections).hasSize(11);
    }

    /** A page smaller than the whole, moved by offset, counts everything; bad values are the paged endpoints' 400. */
    private static void assertPages(String path, String items) {
        JsonNode all = json(http.get(path + "?limit=1000"));
        long total = all.get("total_entries").asLong();
        assertThat(total)
                .as(path)
                .isGreaterThanOrEqualTo(3)
                .isEqualTo(all.get(items).size());

        JsonNode first = json(http.get(path + "?limit=2"));
        assertThat(first.get(items))
                .as(path)
                .containsExactly(all.get(items).get(0), all.get(items).get(1));
        assertThat(first.get("total_entries").asLong()).as(path).isEqualTo(total);
        JsonNode moved = json(http.get(path + "?limit=2&offset=1"));
        assertThat(moved.get(items))
                .as(path)
                .containsExactly(all.get(items).get(1), all.get(items).get(2));
        assertThat(moved.get("total_entries").asLong()).as(path).isEqualTo(total);
        JsonNode past = json(http.get(path + "?offset=" + total));
        assertThat(past.get(items)).as(path).isEmpty();
        assertThat(past.get("total_entries").asLong()).as(path).isEqualTo(total);

        for (String bad : List.of("limit=0", "limit=1001", "limit=abc", "offset=-1")) {
            HttpResponse<String> response = http.get(path + "?" + bad);
            HttpResponse<String> dagRuns = http.get("/api/v1/dags/~/dagRuns?" + bad);
            assertThat(response.statusCode()).as(path + "?" + bad).isEqualTo(400);
            assertThat(json(response)).as(path + "?" + bad).isEqualTo(json(dagRuns));
        }
    }

    private static long runCount() {
        return engine.runs().runs(RunQuery.all(1)).totalEntries();
    }
}
