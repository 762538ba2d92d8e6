package dev.freshet.web;

import dev.freshet.engine.Engine;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.TriggerRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UiPagesTest {
    private static final String SCRIPT = "<script>alert('x')</script>";

    @TempDir
    static Path home;
    static Engine engine;
    static FreshetServer server;
    static Http http;
    static Run run;

    @BeforeAll
    static void start() {
        engine = TestEngines.start(home);
        server = FreshetServer.start(engine, new ServerSettings(0, "ui-token", null));
        http = new Http(server.port(), "ui-token");
        run = TestEngines.runToEnd(engine, new TriggerRequest("hello", Map.of("greeting", SCRIPT), null, "test",
                "manual", "ui-run-1", null));
        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
        engine.tracking().logMetric(run.runId(), "say", "rmse", 0.75);
    }

    @AfterAll
    static void stop() {
        server.close();
        engine.close();
    }

    @Test
    void theRunsPageListsTheRunWithItsStateAndMetrics() {
        HttpResponse<String> page = http.get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body()).contains("href=\"/runs/ui-run-1\"", "hello", "state-success", "0.7500");
        assertThat(page.body()).doesNotContain("<script>");
    }

    @Test
    void theRunPageEscapesParamsAndLinksEachTrysLog() {
        HttpResponse<String> page = http.get("/runs/ui-run-1");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain(SCRIPT).doesNotContain("<script>");
        assertThat(page.body()).contains("&lt;script&gt;alert(");
        assertThat(page.body()).contains("href=\"/runs/ui-run-1/tasks/say/logs/1\"");
        assertThat(page.body()).contains("greeting", "rmse");
    }

    @Test
    void theLogPageShowsTheLogEscapedInPre() {
        HttpResponse<String> page = http.get("/runs/ui-run-1/tasks/say/logs/1");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<pre class=\"log\">").contains("hello from shell");
        assertThat(http.get("/runs/ui-run-1/tasks/say/logs/9").statusCode()).isEqualTo(404);
        assertThat(http.get("/runs/ui-run-1/tasks/ghost/logs/1").statusCode()).isEqualTo(404);
    }

    @Test
    void paginationIsValidatedAndPagesPastTheEndAreEmpty() {
        assertThat(http.get("/?page=0").statusCode()).isEqualTo(400);
        assertThat(http.get("/?page=x").statusCode()).isEqualTo(400);
        HttpResponse<String> far = http.get("/?page=99");
        assertThat(far.statusCode()).isEqualTo(200);
        assertThat(far.body()).doesNotContain("ui-run-1");
    }

    @Test
    void theWorkflowAndModelPagesRender() {
        Run quick = TestEngines.quickRun(engine);
        TestEngines.registerChampion(engine, "ui<b>model", quick, 2.0, 0.0);

        HttpResponse<String> workflows = http.get("/workflows");
        assertThat(workflows.statusCode()).isEqualTo(200);
        assertThat(workflows.body()).contains("hello", "quick", "@daily", "A small test workflow");

        HttpResponse<String> models = http.get("/models");
        assertThat(models.statusCode()).isEqualTo(200);
        assertThat(models.body()).contains("ui&lt;b&gt;model", "champion", "rmse=").doesNotContain("ui<b>model");
    }

    @Test
    void anUnknownRunIs404AndTheStylesheetIsServed() {
        HttpResponse<String> missing = http.get("/runs/nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Http.json(missing).get("detail").asText()).contains("nope");

        HttpResponse<String> css = http.get("/public/style.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.body()).contains(".state-success");
    }
}
