package dev.freshet.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freshet.engine.Engine;
import dev.freshet.engine.run.RunState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import static dev.freshet.web.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The running server follows its workflow folder: a file added, changed, broken, fixed and deleted shows within five
 * seconds in the REST API, the UI and the schedules, and a deleted workflow's runs stay readable.
 */
class LiveWorkflowFolderTest {
    private static final String TOKEN = "live-token";
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(5);

    @RegisterExtension
    static final FreshetServerExtension freshet =
            FreshetServerExtension.builder().token(TOKEN).build();

    static Engine engine;
    static FreshetServer server;
    static Http http;
    static Path file;

    @BeforeAll
    static void start() {
        engine = freshet.engine();
        server = freshet.server();
        http = freshet.http();
        file = freshet.home().resolve("workflows").resolve("live.yaml");
    }

    private static String workflow(String description, String hour) {
        return """
                id: live
                description: %s
                schedule: "0 %s * * *"
                tasks:
                  - id: first
                    type: noop
                  - id: second
                    type: noop
                    needs: [first]
                """.formatted(description, hour);
    }

    @Test
    void addChangeBreakFixAndDeleteAFileWhileTheServerRuns() throws IOException {
        List<String> runIds = new ArrayList<>();

        Files.writeString(file, workflow("first version", "3"));
        // the new schedule starts
        awaitDag(dag -> dag.path("description").asText().equals("first version") && nextRunHour(dag) == 3);
        runIds.add(triggerAndFinish());

        Files.writeString(file, workflow("second version", "4"));
        // the changed schedule moves
        awaitDag(dag -> dag.path("description").asText().equals("second version") && nextRunHour(dag) == 4);

        Files.writeString(
                file, workflow("broken version", "5").replace("type: noop\n    needs", "type: nope\n    needs"));
        JsonNode errors = await().atMost(VISIBLE_WITHIN)
                .until(
                        () -> json(http.get("/api/v1/importErrors")),
                        body -> body.get("total_entries").asInt() == 1);
        JsonNode error = errors.get("import_errors").get(0);
        assertThat(error.get("filename").asText()).endsWith("live.yaml");
        assertThat(error.get("stack_trace").asText()).contains("live.yaml:8:", "nope");
        assertThat(error.get("problems").get(0).get("line").asInt()).isEqualTo(8);
        JsonNode kept = json(http.get("/api/v1/dags/live"));
        assertThat(kept.get("description").asText())
                .as("the broken edit keeps the last good version")
                .isEqualTo("second version");
        assertThat(kept.get("has_import_errors").asBoolean())
                .as("the DAG says its file is broken")
                .isTrue();
        assertThat(http.browse("/workflows", null).body()).contains("live.yaml:8:", "running its last good version");
        runIds.add(triggerAndFinish());

        Files.writeString(file, workflow("fixed version", "6"));
        awaitDag(dag -> dag.path("description").asText().equals("fixed version") && nextRunHour(dag) == 6);
        assertThat(json(http.get("/api/v1/importErrors")).get("total_entries").asInt())
                .isZero();
        assertThat(json(http.get("/api/v1/dags/live")).get("has_import_errors").asBoolean())
                .isFalse();

        Files.delete(file);
        // gone from the DAGs, and its schedule stops
        await().atMost(VISIBLE_WITHIN)
                .until(() -> http.get("/api/v1/dags/live").statusCode() == 404 && engine.nextFireTime("live") == null);
        assertThat(json(http.get("/api/v1/dags")).findValuesAsText("dag_id")).doesNotContain("live");
        assertThat(http.post("/api/v1/dags/live/dagRuns", "{}").statusCode()).isEqualTo(404);
        JsonNode history = json(http.get("/api/v1/dags/live/dagRuns"));
        assertThat(history.findValuesAsText("dag_run_id")).containsExactlyInAnyOrderElementsOf(runIds);
        for (String runId : runIds) {
            assertThat(http.get("/api/v1/dags/live/dagRuns/" + runId).statusCode())
                    .isEqualTo(200);
            assertThat(http.get("/api/v1/dags/live/dagRuns/" + runId + "/taskInstances")
                            .statusCode())
                    .isEqualTo(200);
            HttpResponse<String> page = http.browse("/runs/" + runId, null);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("first", "second");
        }
    }

    @Test
    void aDagThatNeverExistedIsStill404() {
        assertThat(http.get("/api/v1/dags/never/dagRuns").statusCode()).isEqualTo(404);
        assertThat(http.get("/api/v1/dags/never/dagRuns/some-run").statusCode()).isEqualTo(404);
        assertThat(json(http.get("/api/v1/dags/never/dagRuns/some-run")).toString())
                .contains("dag 'never'");
    }

    private static JsonNode awaitDag(java.util.function.Predicate<JsonNode> matches) {
        return await().atMost(VISIBLE_WITHIN)
                .until(
                        () -> {
                            HttpResponse<String> response = http.get("/api/v1/dags/live");
                            return response.statusCode() == 200 ? json(response) : null;
                        },
                        dag -> dag != null && matches.test(dag));
    }

    private static int nextRunHour(JsonNode dag) {
        return dag.path("next_dagrun").isTextual()
                ? ZonedDateTime.parse(dag.get("next_dagrun").asText())
                        .withZoneSameInstant(ZoneOffset.UTC)
                        .getHour()
                : -1;
    }

    private static String triggerAndFinish() {
        HttpResponse<String> triggered = http.post("/api/v1/dags/live/dagRuns", "{}");
        assertThat(triggered.statusCode()).as(triggered.body()).isEqualTo(200);
        String runId = json(triggered).get("dag_run_id").asText();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> engine.runs().run(runId).state(), RunState::isTerminal);
        assertThat(engine.runs().run(runId).state()).isEqualTo(RunState.SUCCESS);
        return runId;
    }
}
