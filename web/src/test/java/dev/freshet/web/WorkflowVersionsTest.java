package dev.freshet.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freshet.engine.Engine;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.TriggerRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.freshet.web.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A workflow's versions in the REST API, a run's version on its page, and the diff of two versions. */
class WorkflowVersionsTest {
    private static final String V1 = "id: versioned\ntasks:\n  - {id: first, type: noop}\n";
    private static final String V2 =
            "id: versioned\ntasks:\n  - {id: first, type: noop}\n  - {id: second, type: noop, needs: [first]}\n";

    @RegisterExtension
    static final FreshetServerExtension freshet = FreshetServerExtension.builder()
            .token("versions-token")
            .workflow("versioned.yaml", V1)
            .build();

    static Engine engine;
    static Http http;
    static Run first;
    static Run second;

    @BeforeAll
    static void twoRunsOfTwoVersions() throws Exception {
        engine = freshet.engine();
        http = freshet.http();
        first = engine.runs().trigger(TriggerRequest.manual("versioned", Map.of(), "test"));
        assertThat(engine.runs().awaitRun(first.runId(), Duration.ofSeconds(30)).state())
                .isEqualTo(RunState.SUCCESS);
        Path file = freshet.home().resolve("workflows").resolve("versioned.yaml");
        Files.writeString(file, V2);
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        !engine.workflow("versioned").orElseThrow().sourceHash().equals(first.workflowHash()));
        second = engine.runs().trigger(TriggerRequest.manual("versioned", Map.of(), "test"));
        assertThat(engine.runs()
                        .awaitRun(second.runId(), Duration.ofSeconds(30))
                        .state())
                .isEqualTo(RunState.SUCCESS);
    }

    @Test
    void theApiListsTheVersionsOldestFirstAndEachRunNamesItsOwn() {
        JsonNode list = json(http.get("/api/v1/dags/versioned/versions"));
        assertThat(list.path("total_entries").asInt()).isEqualTo(2);
        JsonNode versions = list.path("dag_versions");
        assertThat(versions.get(0).path("dag_hash").asText()).isEqualTo(first.workflowHash());
        assertThat(versions.get(0).path("version_number").asInt()).isEqualTo(1);
        assertThat(versions.get(0).path("is_current").asBoolean()).isFalse();
        assertThat(versions.get(1).path("dag_hash").asText()).isEqualTo(second.workflowHash());
        assertThat(versions.get(1).path("is_current").asBoolean()).isTrue();
        assertThat(versions.get(0).has("source"))
                .as("texts only for one version")
                .isFalse();

        assertThat(json(http.get("/api/v1/dags/versioned/dagRuns/" + first.runId()))
                        .path("dag_hash")
                        .asText())
                .isEqualTo(first.workflowHash());

        JsonNode one = json(http.get("/api/v1/dags/versioned/versions/1"));
        assertThat(one.path("source").asText()).isEqualTo(V1);
        JsonNode byPrefix = json(http.get(
                "/api/v1/dags/versioned/versions/" + second.workflowHash().substring(0, 9)));
        assertThat(byPrefix.path("version_number").asInt()).isEqualTo(2);
        assertThat(byPrefix.path("source").asText()).isEqualTo(V2);
    }

    @Test
    void anUnknownVersionOrWorkflowIsA404WithAJsonError() {
        for (String path : new String[] {
            "/api/v1/dags/versioned/versions/7", "/api/v1/dags/versioned/versions/abc", "/api/v1/dags/nope/versions"
        }) {
            HttpResponse<String> response = http.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(json(response).path("detail").asText()).as(path).isNotBlank();
        }
    }

    @Test
    void aRunsPageNamesItsVersionAndLinksTheDiffWithTheCurrentOne() {
        String page = http.browse("/runs/" + first.runId(), null).body();
        String shortHash = first.workflowHash().substring(0, 12);
        assertThat(page).contains("/workflows/versioned/versions/" + shortHash);
        assertThat(page)
                .contains("/workflows/versioned/diff?from=" + shortHash + "&amp;to="
                        + second.workflowHash().substring(0, 12));

        String diff = http.browse("/workflows/versioned/diff?from=1&to=2", null).body();
        assertThat(diff)
                .contains("<span class=\"diff-added\">+  - {id: second, type: noop, needs: [first]}</span>")
                .contains("<span class=\"diff-hunk\">@@");

        String versions = http.browse("/workflows/versioned/versions", null).body();
        assertThat(versions).contains(shortHash).contains("current");
    }
}
