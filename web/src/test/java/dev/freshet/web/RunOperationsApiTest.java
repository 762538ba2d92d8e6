package dev.freshet.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;

import static dev.freshet.web.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Operations on runs through REST: clear a failed task, mark a task, fail (cancel) a run. */
class RunOperationsApiTest extends ApiServerTest {
    @Test
    void clearingAFailedTaskRerunsItAndItsDownstreamWithNewTryNumbers() throws Exception {
        http.post("/api/v1/dags/flaky/dagRuns", "{\"dag_run_id\": \"ops-clear\"}");
        awaitState("flaky", "ops-clear", "failed");
        Files.writeString(home.resolve("workflows").resolve("ok"), "");

        HttpResponse<String> cleared = http.post(
                "/api/v1/dags/flaky/dagRuns/ops-clear/clear",
                "{\"task_ids\": [\"check\"], \"include_downstream\": true, \"dry_run\": false}");

        assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(200);
        assertThat(json(cleared).get("dag_run_id").asText()).isEqualTo("ops-clear");
        awaitState("flaky", "ops-clear", "success");
        JsonNode tasks = json(http.get("/api/v1/dags/flaky/dagRuns/ops-clear/taskInstances"))
                .get("task_instances");
        assertThat(tasks.get(0).get("task_id").asText()).isEqualTo("check");
        assertThat(tasks.get(0).get("try_number").asInt()).isEqualTo(2);
        assertThat(http.get("/api/v1/dags/flaky/dagRuns/ops-clear/taskInstances/check/logs/1")
                        .body())
                .contains("command exited with code 1");
        Files.delete(home.resolve("workflows").resolve("ok"));
    }

    @Test
    void markingATaskNeedsAValidState() {
        http.post("/api/v1/dags/flaky/dagRuns", "{\"dag_run_id\": \"ops-mark\"}");
        awaitState("flaky", "ops-mark", "failed");

        HttpResponse<String> bad =
                http.patch("/api/v1/dags/flaky/dagRuns/ops-mark/taskInstances/check", "{\"new_state\": \"running\"}");
        HttpResponse<String> ok =
                http.patch("/api/v1/dags/flaky/dagRuns/ops-mark/taskInstances/check", "{\"new_state\": \"success\"}");

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("detail").asText()).contains("new_state");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(json(ok).get("state").asText()).isEqualTo("success");
    }

    @Test
    void settingARunFailedCancelsItAndAFinishedRunCannotBeCancelled() {
        http.post("/api/v1/dags/hello/dagRuns", "{\"dag_run_id\": \"ops-cancel\"}");
        awaitState("hello", "ops-cancel", "success");

        HttpResponse<String> again = http.patch("/api/v1/dags/hello/dagRuns/ops-cancel", "{\"state\": \"failed\"}");
        HttpResponse<String> unauthorised = new Http(server.port(), "wrong")
                .patch("/api/v1/dags/hello/dagRuns/ops-cancel", "{\"state\": \"failed\"}");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(unauthorised.statusCode()).isEqualTo(401);
    }

    private static void awaitState(String dag, String runId, String state) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> json(http.get("/api/v1/dags/" + dag + "/dagRuns/" + runId))
                        .get("state")
                        .asText()
                        .equals(state));
    }
}
