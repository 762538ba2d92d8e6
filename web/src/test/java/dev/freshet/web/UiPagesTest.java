package dev.freshet.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.engine.Engine;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunQuery;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.TriggerRequest;
import dev.freshet.engine.tracking.ModelVersion;
import dev.freshet.tasks.Blessing;
import dev.freshet.tasks.ThresholdCheck;
import dev.freshet.tasks.data.Check;
import dev.freshet.tasks.data.Severity;
import dev.freshet.tasks.data.ValidationReport;
import dev.freshet.tasks.data.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The server-rendered pages over plain HTTP: content, escaping, filters, and the login + CSRF rules of changes. */
class UiPagesTest {
    private static final String SCRIPT = "<script>alert('x')</script>";
    private static final String TOKEN = "ui-token";
    private static final int HOME_RUNS = 10;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    /** A workflow whose typed params make every kind of form input, with markup in its texts. */
    private static final String TYPED = """
            id: typed
            description: "Typed params <img src=x onerror=alert(1)>"
            schedule: "30 2 * * 1-5"
            params:
              alpha: {type: number, default: 0.5, minimum: 0, maximum: 1, description: "L1/L2 mix <b>bold</b>"}
              iterations: {type: integer, default: 10, minimum: 1}
              solver: {type: string, default: cd, enum: [cd, "<svg onload=alert(1)>"]}
              verbose: {type: boolean, default: false}
              label: {type: string, description: required text}
            tasks:
              - id: only
                type: noop
            """;

    /** A long first task to cancel, and one after it that never runs. */
    private static final String SLEEPY = """
            id: sleepy
            tasks:
              - id: doze
                type: sleep
                with: { seconds: 60 }
              - id: after
                type: noop
                needs: [doze]
            """;

    @RegisterExtension
    static final FreshetServerExtension freshet = FreshetServerExtension.builder()
            .token(TOKEN)
            .workflow("typed.yaml", TYPED)
            .workflow("sleepy.yaml", SLEEPY)
            .build();

    static Engine engine;
    static FreshetServer server;
    static Http http;
    static Run run;

    @BeforeAll
    static void start() {
        engine = freshet.engine();
        server = freshet.server();
        http = freshet.http();
        run = TestEngines.runToEnd(
                engine,
                TriggerRequest.manual("hello", Map.of("greeting", SCRIPT), "test")
                        .withRunId("ui-run-1"));
        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
        engine.tracking().logMetric(run.runId(), "say", "rmse", 0.75);
    }

    @Test
    void theHomeShowsTheWorkflowsAndTheTenLatestRunsWithStateTimesAndMetrics() {
        while (engine.runs().runs(RunQuery.all(1)).totalEntries() < HOME_RUNS + 1) {
            TestEngines.quickRun(engine);
        }
        Run newest = TestEngines.runToEnd(
                engine, TriggerRequest.manual("hello", Map.of(), "test").withRunId("ui-home-run"));
        engine.tracking().logMetric(newest.runId(), "say", "rmse", 0.625);

        HttpResponse<String> page = http.browse("/", null);

        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html)
                .contains(
                        "every day at 00:00 (UTC)",
                        "href=\"/workflows/hello/trigger\"",
                        "action=\"/ui/workflows/quick/paused\"",
                        "Typed params &lt;img src=x onerror=alert(1)&gt;")
                .doesNotContain("<img src=x");
        String latest = html.substring(html.indexOf("id=\"latest-runs\""));
        assertThat(latest.split("<td class=\"mono\"><a href=\"/runs/", -1)).hasSize(HOME_RUNS + 1);
        String firstRow = latest.substring(
                latest.indexOf("<tr>", latest.indexOf("<tbody>")), latest.indexOf("</tr>", latest.indexOf("<tbody>")));
        assertThat(firstRow)
                .contains(
                        "<a href=\"/runs/ui-home-run\">ui-home-run</a>",
                        ">hello<",
                        "state state-success",
                        TIME.format(newest.startDate()),
                        TIME.format(newest.endDate()),
                        "rmse 0.6250");
    }

    @Test
    void theWorkflowsPageShowsScheduleInWordsNextRunAndRecentRuns() {
        HttpResponse<String> page = http.browse("/workflows", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
        assertThat(page.body())
                .contains(
                        "every day at 00:00 (UTC)",
                        "@daily",
                        "manual only",
                        "at 02:30 every day between Monday and Friday (UTC)");
        assertThat(page.body()).contains("class=\"square state-success\" href=\"/runs/ui-run-1\"");
        assertThat(page.body()).contains("href=\"/workflows/hello/trigger\"", "action=\"/ui/workflows/quick/paused\"");
        assertThat(page.body())
                .contains("Typed params &lt;img src=x onerror=alert(1)&gt;")
                .doesNotContain("<img src=x");
        assertThat(page.body()).doesNotContain("cdn", "https://");
    }

    @Test
    void theTriggerFormIsMadeFromTheTypedParamsAndEscaped() {
        HttpResponse<String> page = http.browse("/workflows/typed/trigger", null);

        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html)
                .contains(
                        "type=\"number\" id=\"param.alpha\" name=\"param.alpha\" value=\"0.5\" step=\"any\" min=\"0\" max=\"1\"");
        assertThat(html).contains("name=\"param.iterations\" value=\"10\" step=\"1\" min=\"1\"");
        assertThat(html)
                .contains(
                        "<select id=\"param.solver\"",
                        "<option value=\"cd\" selected>cd</option>",
                        "&lt;svg onload=alert(1)&gt;");
        assertThat(html).contains("<select id=\"param.verbose\"", "<option value=\"false\" selected>false</option>");
        assertThat(html).contains("name=\"param.label\" value=\"\" required", "required text");
        assertThat(html).contains("L1/L2 mix &lt;b&gt;bold&lt;/b&gt;").doesNotContain("<b>bold</b>", "<svg onload");
        assertThat(html).contains("<svg class=\"dag\"");
    }

    @Test
    void changesNeedALoginAndTheFormsCsrfToken() {
        long before =
                engine.runs().runs(new RunQuery("typed", null, null, 1, 0)).totalEntries();

        HttpResponse<String> anonymous = http.form("/ui/workflows/typed/trigger", null, "param.label", "x");
        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(anonymous.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).startsWith("/login?next="));

        HttpResponse<String> wrongToken = http.form("/login", null, "token", "not-it", "next", "/workflows");
        assertThat(wrongToken.statusCode()).isEqualTo(401);
        assertThat(wrongToken.headers().firstValue("Set-Cookie")).isEmpty();

        String cookie = http.login();
        assertThat(http.form("/ui/workflows/typed/trigger", cookie, "param.label", "x")
                        .statusCode())
                .isEqualTo(403);
        assertThat(http.form("/ui/workflows/typed/trigger", cookie, "param.label", "x", "csrf", "forged")
                        .statusCode())
                .isEqualTo(403);
        assertThat(engine.runs().runs(new RunQuery("typed", null, null, 1, 0)).totalEntries())
                .isEqualTo(before);
    }

    @Test
    void aLoggedInFormTriggersATypedRunAndBadValuesComeBackNamingTheParam() {
        String cookie = http.login();
        String csrf = Http.csrf(http.browse("/workflows/typed/trigger", cookie).body());

        HttpResponse<String> tooBig =
                http.form("/ui/workflows/typed/trigger", cookie, "csrf", csrf, "param.alpha", "3", "param.label", "x");
        assertThat(tooBig.statusCode()).isEqualTo(400);
        assertThat(tooBig.body())
                .contains("id=\"trigger-error\"", "conf.alpha: must be at most 1")
                .contains("name=\"param.alpha\" value=\"3\"");
        HttpResponse<String> missing = http.form("/ui/workflows/typed/trigger", cookie, "csrf", csrf);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("label: required");

        HttpResponse<String> ok = http.form(
                "/ui/workflows/typed/trigger",
                cookie,
                "csrf",
                csrf,
                "param.alpha",
                "0.25",
                "param.iterations",
                "12",
                "param.solver",
                "<svg onload=alert(1)>",
                "param.verbose",
                "true",
                "param.label",
                "from the form",
                "dag_run_id",
                "ui-form-run");

        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(303);
        assertThat(ok.headers().firstValue("Location")).contains("/runs/ui-form-run");
        Run triggered = engine.runs().run("ui-form-run");
        assertThat(((Number) triggered.params().get("iterations")).longValue()).isEqualTo(12L);
        assertThat(triggered.params())
                .containsEntry("alpha", 0.25)
                .containsEntry("solver", "<svg onload=alert(1)>")
                .containsEntry("verbose", true)
                .containsEntry("label", "from the form");
        assertThat(triggered.triggeredBy()).isEqualTo("ui");
    }

    @Test
    void theRunsPageFiltersByWorkflowAndStateAndPages() {
        TestEngines.quickRun(engine);
        HttpResponse<String> all = http.browse("/runs", null);
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body())
                .contains(
                        "href=\"/runs/ui-run-1\"",
                        "state-success",
                        "rmse 0.7500",
                        "<th>Ended</th>",
                        TIME.format(run.endDate()));

        HttpResponse<String> quick = http.browse("/runs?workflow=quick", null);
        assertThat(quick.body()).doesNotContain("ui-run-1").contains("<option value=\"quick\" selected>");
        HttpResponse<String> failed = http.browse("/runs?workflow=hello&state=failed", null);
        assertThat(failed.body()).doesNotContain("ui-run-1").contains("0 runs");
        assertThat(http.browse("/runs?state=bogus", null).statusCode()).isEqualTo(400);
        assertThat(http.get("/runs?page=0").statusCode()).isEqualTo(400);
        assertThat(http.get("/runs?page=x").statusCode()).isEqualTo(400);
        assertThat(http.browse("/runs?page=99", null).body()).doesNotContain("ui-run-1");
        assertThat(http.get("/runs/table?workflow=hello").body())
                .startsWith("<div id=\"runs-table\"")
                .contains("ui-run-1");
    }

    @Test
    void theRunPageShowsTheGraphGanttTasksAndEscapedParams() {
        HttpResponse<String> page = http.browse("/runs/ui-run-1", null);

        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html).doesNotContain(SCRIPT).doesNotContain("<script>alert");
        assertThat(html).contains("&lt;script&gt;alert(");
        assertThat(html).contains("<svg class=\"dag\"", "data-task=\"say\" data-state=\"success\"", "class=\"edge\"");
        assertThat(html).contains("<svg class=\"gantt\"", "class=\"bar state-success\"");
        assertThat(html).contains("href=\"/runs/ui-run-1/tasks/say/logs/1\"", "greeting", "rmse");
        // finished: the live part no longer polls
        assertThat(html).contains("id=\"run-state\" data-state=\"success\"").doesNotContain("hx-trigger=\"every 1s\"");
        assertThat(http.get("/runs/ui-run-1/live").body()).startsWith("<div id=\"run-live\"");
    }

    @Test
    void theRunPageShowsItsValidationReportBlessingAndModelVersionWithTheirMarkupEscaped() throws IOException {
        Run retrain = TestEngines.runToEnd(
                engine, TriggerRequest.manual("hello", Map.of(), "test").withRunId("ui-retrain"));
        String plantedCheck = "<script>alert(1)</script>";
        // written as the validate.data and evaluate.regression tasks write them, with their own records
        ValidationReport report = new ValidationReport(
                "data/wine.csv",
                List.of(
                        new Check(
                                "min_rows",
                                null,
                                Severity.FAIL,
                                Verdict.PASS,
                                4898.0,
                                1000.0,
                                "4898 rows, at least 1000"),
                        new Check(
                                plantedCheck,
                                "pH",
                                Severity.WARN,
                                Verdict.WARN,
                                0.0123,
                                0.01,
                                "p-value below the threshold <b>drift</b>"),
                        new Check(
                                "column_type",
                                "alcohol",
                                Severity.FAIL,
                                Verdict.PASS,
                                0.0,
                                0.0,
                                "every value is of type number"),
                        new Check(
                                "column_type",
                                "quality",
                                Severity.WARN,
                                Verdict.WARN,
                                3.0,
                                0.0,
                                "3 value(s) are not of type integer")));
        Path reportFile = artifact(retrain, "validate", "report.json", report.toJson());
        engine.tracking().logArtifact(retrain.runId(), "validate", "validation/report.json", reportFile);
        Blessing blessing = new Blessing(
                false,
                List.of("rmse 0.9100 is above the threshold 0.8500 <img src=x>"),
                List.of(new ThresholdCheck("rmse", "max", 0.91, 0.85, null, false, "rmse above 0.85")),
                Map.of("rmse", 0.91),
                3,
                Map.of("rmse", 0.8),
                Map.of("rows", 980));
        Path blessingFile =
                artifact(retrain, "evaluate", "blessing.json", new ObjectMapper().writeValueAsString(blessing));
        engine.tracking().logArtifact(retrain.runId(), "evaluate", "evaluation/blessing.json", blessingFile);
        ModelVersion produced = TestEngines.registerModel(engine, "retrained<i>", retrain, 1.5, 0.0);

        String html = http.browse("/runs/ui-retrain", null).body();

        String validation = section(html, "validation");
        assertThat(validation).contains("passed", "data/wine.csv");
        assertThat(validation)
                .contains(
                        "<td class=\"mono\">min_rows</td>",
                        "verdict-pass\">pass</span>",
                        "<td class=\"num\">4898</td><td class=\"num\">1000</td>");
        assertThat(validation)
                .contains(
                        "<td class=\"mono\">&lt;script&gt;alert(1)&lt;/script&gt;</td>",
                        "<td class=\"mono\">pH</td>",
                        "verdict-warn\">warn</span>",
                        "<td class=\"num\">0.01230</td><td class=\"num\">0.01000</td>",
                        "p-value below the threshold &lt;b&gt;drift&lt;/b&gt;");
        // a type check that found nothing shows no numbers; one that found values shows how many
        assertThat(validation)
                .contains(
                        "<td class=\"mono\">alcohol</td><td><span class=\"state verdict verdict-pass\">pass"
                                + "</span></td><td class=\"num\"></td><td class=\"num\"></td>",
                        "<td class=\"num\">3</td><td class=\"num\">0</td>")
                .doesNotContain("0.000");
        String evaluation = section(html, "blessing");
        assertThat(evaluation)
                .contains(
                        "state-failed\">not blessed</span>",
                        "<li>rmse 0.9100 is above the threshold 0.8500 &lt;img src=x&gt;</li>",
                        "Champion (v3)",
                        "<td>rmse</td><td class=\"num\">0.9100</td><td class=\"num\">0.8000</td>");
        String model = section(html, "produced-models");
        assertThat(model)
                .contains(
                        ">retrained&lt;i&gt;</a>",
                        "<td class=\"num\">" + produced.version() + "</td>",
                        "models:/retrained&lt;i&gt;/" + produced.version());
        assertThat(html).doesNotContain(plantedCheck, "<b>drift", "<img src=x>", "retrained<i>");
    }

    @Test
    void wholeNumberMetricsShowAsWholeNumbers() {
        Run counted = TestEngines.runToEnd(
                engine, TriggerRequest.manual("hello", Map.of(), "test").withRunId("ui-counts"));
        engine.tracking().logMetric(counted.runId(), "say", "rows", 753.0);
        engine.tracking().logMetric(counted.runId(), "say", "iterations", 7.0);
        engine.tracking().logMetric(counted.runId(), "say", "features", 51.0);
        engine.tracking().logMetric(counted.runId(), "say", "rmse", 0.625);

        String metrics = http.browse("/runs/ui-counts", null).body();
        String table = metrics.substring(metrics.indexOf("id=\"metrics\""));
        assertThat(table)
                .contains(
                        "<th>rows</th><td class=\"num\">753</td>",
                        "<th>iterations</th><td class=\"num\">7</td>",
                        "<th>features</th><td class=\"num\">51</td>",
                        "<th>rmse</th><td class=\"num\">0.6250</td>")
                .doesNotContain("753.0", "7.000", "51.00");
        String experiment =
                http.browse("/experiments/" + counted.experimentId(), null).body();
        assertThat(experiment).contains("<td class=\"num metric\">753</td>").doesNotContain("753.0");
    }

    @Test
    void theExperimentTableShowsMetricsBeforeParamsAndDoesNotWrapValues() {
        engine.tracking().logMetric(run.runId(), "say", "accuracy", 0.5);
        String html = http.browse("/experiments/" + run.experimentId(), null).body();

        assertThat(html.indexOf("class=\"group metric\">Metrics"))
                .isPositive()
                .isLessThan(html.indexOf("class=\"group\">Params"));
        assertThat(html.indexOf("data-sort=\"metric.rmse\""))
                .as("rmse before other metrics")
                .isPositive()
                .isLessThan(html.indexOf("data-sort=\"metric.accuracy\""));
        assertThat(html.indexOf("data-sort=\"metric.accuracy\""))
                .isLessThan(html.indexOf("data-sort=\"param.greeting\""));
        String row = html.substring(html.indexOf("<a href=\"/runs/ui-run-1\">"));
        assertThat(row.indexOf("class=\"num metric\"")).isLessThan(row.indexOf("class=\"num param\""));
        assertThat(http.get("/public/style.css").body())
                .contains("table.experiment td, table.experiment th { white-space: nowrap; }");
    }

    @Test
    void aCancelledRunSaysWhoCancelledItAndWhatWasSkipped() {
        Run sleepy = engine.runs()
                .trigger(TriggerRequest.manual("sleepy", Map.of(), "test").withRunId("ui-cancelled"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> engine.runs().taskRuns(sleepy.runId()).stream()
                        .anyMatch(t ->
                                t.taskId().equals("doze") && t.state() == dev.freshet.engine.run.TaskState.RUNNING));
        String cookie = http.login();
        String csrf = Http.csrf(http.browse("/runs/ui-cancelled", cookie).body());

        HttpResponse<String> cancel = http.form("/ui/runs/ui-cancelled/cancel", cookie, "csrf", csrf);

        assertThat(cancel.statusCode()).isEqualTo(303);
        String html = http.browse("/runs/ui-cancelled", cookie).body();
        assertThat(html)
                .contains(
                        "data-state=\"failed\"",
                        "<span class=\"cancelled\" id=\"cancelled-by\">cancelled by ui</span>");
        String after = html.substring(html.indexOf("<tr id=\"task-after\">"));
        after = after.substring(0, after.indexOf("</tr>"));
        assertThat(after)
                .contains("data-task-state=\"after\">skipped</span>", "<span class=\"muted\">skipped</span>")
                .doesNotContain("not run yet");
        String metrics = html.substring(html.indexOf("<h2>Metrics</h2>"));
        metrics = metrics.substring(0, metrics.indexOf("</section>"));
        assertThat(metrics).contains("<p class=\"muted\">none</p>").doesNotContain("none yet");
        assertThat(http.browse("/runs/ui-run-1", null).body()).doesNotContain("id=\"cancelled-by\"");
    }

    @Test
    void thePromotionLogShowsMetricsToFiveSignificantDigits() {
        Run quick = TestEngines.quickRun(engine);
        ModelVersion version = TestEngines.registerModel(engine, "precise", quick, 1.0, 0.0);
        engine.models()
                .promote(
                        "precise",
                        "champion",
                        version.version(),
                        "blessed by evaluation against no champion: rmse 0.6543218765432101");

        String html = http.browse("/models", null).body();

        assertThat(html)
                .contains("blessed by evaluation against no champion: rmse 0.65432<")
                .doesNotContain("0.6543218765432101");
    }

    private static Path artifact(Run run, String task, String name, String json) throws IOException {
        Path file = engine.tracking().artifactDir(run.runId(), task).resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, json);
    }

    /** The HTML of the panel with that id. */
    private static String section(String html, String id) {
        int start = html.indexOf("<section class=\"panel\" id=\"" + id + "\"");
        assertThat(start).as("section " + id).isNotNegative();
        return html.substring(start, html.indexOf("</section>", start));
    }

    @Test
    void aRunningRunsPagePollsAndItsLogIsFollowed() {
        Run slow = engine.runs()
                .trigger(TriggerRequest.manual("hello", Map.of(), "test").withRunId("ui-live"));
        String live = http.get("/runs/" + slow.runId() + "/live").body();
        // either still running (polling) or, on a fast machine, already done: both are correct, so look at the state
        Run now = engine.runs().run(slow.runId());
        if (!now.state().isTerminal() && live.contains("data-state=\"running\"")) {
            assertThat(live).contains("hx-get=\"/runs/ui-live/live\"", "hx-trigger=\"every 1s\"");
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> engine.runs().run("ui-live").state().isTerminal());

        HttpResponse<String> log = http.browse("/runs/ui-live/tasks/say/logs/1", null);
        assertThat(log.body()).contains("<pre class=\"log\" id=\"log\">", "hello from shell");
        HttpResponse<String> tail = http.get("/runs/ui-live/tasks/say/logs/1/tail?from=0");
        assertThat(tail.body()).contains("hello from shell").doesNotContain("hx-trigger");
        HttpResponse<String> rest = http.get("/runs/ui-live/tasks/say/logs/1/tail?from=100000");
        assertThat(rest.statusCode()).isEqualTo(200);
        assertThat(rest.body()).doesNotContain("hello");
    }

    @Test
    void theLogPageShowsTheLogEscapedAndUnknownTriesAre404() {
        HttpResponse<String> page = http.browse("/runs/ui-run-1/tasks/say/logs/1", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("hello from shell");
        assertThat(http.get("/runs/ui-run-1/tasks/say/logs/9").statusCode()).isEqualTo(404);
        assertThat(http.get("/runs/ui-run-1/tasks/ghost/logs/1").statusCode()).isEqualTo(404);
        assertThat(http.get("/runs/ui-run-1/tasks/..%2F..%2Fetc/logs/1").statusCode())
                .isEqualTo(400);
    }

    @Test
    void experimentsListRunsWithParamAndMetricColumnsSortedAndComparedSideBySide() {
        Run other = TestEngines.runToEnd(
                engine,
                TriggerRequest.manual("hello", Map.of("greeting", "bonjour"), "test")
                        .withRunId("ui-run-2"));
        engine.tracking().logMetric(other.runId(), "say", "rmse", 0.5);
        long experiment = run.experimentId();

        HttpResponse<String> list = http.browse("/experiments", null);
        assertThat(list.body()).contains("href=\"/experiments/" + experiment + "\"", ">hello<");

        String ascending = http.browse("/experiments/" + experiment + "?sort=metric.rmse&order=asc", null)
                .body();
        assertThat(ascending).contains("data-sort=\"param.greeting\"", "data-sort=\"metric.rmse\"");
        assertThat(ascending.indexOf("ui-run-2")).isLessThan(ascending.indexOf("ui-run-1"));
        String descending = http.browse("/experiments/" + experiment + "?sort=metric.rmse&order=desc", null)
                .body();
        assertThat(descending.indexOf("ui-run-1")).isLessThan(descending.indexOf("ui-run-2"));

        HttpResponse<String> compare = http.browse("/compare?runs=ui-run-1&runs=ui-run-2", null);
        assertThat(compare.statusCode()).isEqualTo(200);
        assertThat(compare.body())
                .contains("class=\"differs\"", "bonjour", "&lt;script&gt;", "-0.2500")
                .doesNotContain(SCRIPT);
        HttpResponse<String> one = http.browse("/compare?runs=ui-run-1", null);
        assertThat(one.statusCode()).isEqualTo(400);
        assertThat(one.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(one.body()).contains("pick exactly two runs");
    }

    @Test
    void theModelsPageChartsAMetricMarksTheChampionAndItsButtonsChangeIt() {
        Run quick = TestEngines.quickRun(engine);
        ModelVersion first = TestEngines.registerChampion(engine, "ui<b>model", quick, 2.0, 0.0);
        ModelVersion second = TestEngines.registerChampion(engine, "ui<b>model", quick, 1.0, 0.0);

        String html = http.browse("/models", null).body();
        assertThat(html)
                .contains(
                        "ui&lt;b&gt;model",
                        "champion: version " + second.version(),
                        "<svg class=\"chart\"",
                        "class=\"point champion\"",
                        "Roll back champion",
                        "class=\"small-button promote\"")
                .doesNotContain("ui<b>model");

        String cookie = http.login();
        String csrf = Http.csrf(http.browse("/models", cookie).body());
        HttpResponse<String> rollback = http.form("/ui/models/ui%3Cb%3Emodel/rollback", cookie, "csrf", csrf);
        assertThat(rollback.statusCode()).isEqualTo(303);
        assertThat(engine.models().aliased("ui<b>model", "champion"))
                .map(ModelVersion::version)
                .contains(first.version());
        String after = http.browse("/models", cookie).body();
        assertThat(after).contains("flash-ok", "version " + first.version() + " is the champion again");

        HttpResponse<String> promote = http.form(
                "/ui/models/ui%3Cb%3Emodel/promote", cookie, "csrf", csrf, "version", String.valueOf(second.version()));
        assertThat(promote.statusCode()).isEqualTo(303);
        assertThat(engine.models().aliased("ui<b>model", "champion"))
                .map(ModelVersion::version)
                .contains(second.version());
        HttpResponse<String> badVersion =
                http.form("/ui/models/ui%3Cb%3Emodel/promote", cookie, "csrf", csrf, "version", "99");
        assertThat(badVersion.statusCode()).isEqualTo(303);
        assertThat(http.browse("/models", cookie).body()).contains("flash-error", "has no version 99");
    }

    @Test
    void theErrorPagesLoginLinkComesBackToThePageThatFailed() {
        assertThat(http.browse("/runs/nope?tab=log", null).body())
                .contains("href=\"/login?next=%2Fruns%2Fnope%3Ftab%3Dlog\" id=\"login-link\"");
        HttpResponse<String> unmatched = http.browse("/no/such/page", null);
        assertThat(unmatched.statusCode()).isEqualTo(404);
        assertThat(unmatched.body()).contains("href=\"/login?next=%2Fno%2Fsuch%2Fpage\" id=\"login-link\"");
    }

    @Test
    void unknownThingsAreHtmlForBrowsersAndJsonForClientsAndAssetsAreLocal() {
        HttpResponse<String> missing = http.get("/runs/nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Http.json(missing).get("detail").asText()).contains("nope");
        HttpResponse<String> page = http.browse("/runs/nope", null);
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("<h1>404", "run &#39;nope&#39; does not exist");

        assertThat(http.get("/public/style.css").body()).contains(".state-success");
        assertThat(http.get("/public/app.js").statusCode()).isEqualTo(200);
        String layout = http.browse("/workflows", null).body();
        java.util.regex.Matcher htmx = java.util.regex.Pattern.compile("src=\"(/webjars/htmx.org/[^\"]+)\"")
                .matcher(layout);
        assertThat(htmx.find()).isTrue();
        HttpResponse<String> script = http.get(htmx.group(1));
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("htmx");
    }
}
