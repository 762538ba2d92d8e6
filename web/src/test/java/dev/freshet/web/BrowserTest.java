package dev.freshet.web;

import dev.freshet.engine.Engine;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.testdb.H2Only;
import dev.freshet.engine.tracking.ModelVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The UI in a real headless Chromium: log in, trigger a run from the form and watch it succeed without reloading,
 * follow a running task's log until a line it writes later arrives, roll a model back. One server and one browser
 * for the class; the steps build on each other. A failed step leaves a screenshot in target/screenshots/.
 */
@H2Only("The browser's clicks reach the same pages and routes as UiPagesTest and RestApiTest, which run on "
        + "PostgreSQL too; a second Chromium session would add half a minute for no query of its own")
@ExtendWith(HeadlessChromium.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserTest {
    private static final String TOKEN = "browser-token";
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Slow enough to be seen running. */
    private static final String STEPS = """
            id: steps
            description: Counts, slowly
            params:
              count: {type: integer, default: 3, minimum: 1, maximum: 20, description: how many lines}
              word: {type: string, default: step, enum: [step, pace]}
            tasks:
              - id: prepare
                type: noop
              - id: count
                type: shell
                needs: [prepare]
                with: { command: "for i in $(seq 1 {{ params.count }}); do echo {{ params.word }} $i; sleep 0.3; done" }
              - id: finish
                type: noop
                needs: [count]
            """;
    /** Says one line, then waits (at most two minutes) for the test to create the gate file before the next. */
    private static final String GATED = """
            id: gated
            tasks:
              - id: talk
                type: shell
                timeout: 2m
                with: { command: "echo before the gate; while [ ! -f '%s' ]; do sleep 0.1; done; echo after the gate" }
            """;

    @RegisterExtension
    static final FreshetServerExtension freshet = FreshetServerExtension.builder()
            .token(TOKEN)
            .workflow("steps.yaml", STEPS)
            .workflow("gated.yaml", home -> GATED.formatted(home.resolve("gate")))
            .build();

    @TempDir
    static Path profile;

    static Engine engine;
    static FreshetServer server;
    static ChromeDriver browser;
    static WebDriverWait wait;
    static String base;
    static Path gate;

    @BeforeAll
    static void start() {
        gate = freshet.home().resolve("gate");
        engine = freshet.engine();
        server = freshet.server();
        base = freshet.baseUrl();
        browser = HeadlessChromium.start(profile);
        wait = new WebDriverWait(browser, WAIT);
    }

    /** A wait that finds its element again when htmx has swapped the one found for a new one since. */
    private static WebDriverWait swapped() {
        WebDriverWait swapped = new WebDriverWait(browser, WAIT);
        swapped.ignoring(StaleElementReferenceException.class);
        return swapped;
    }

    @AfterAll
    static void stop() {
        HeadlessChromium.stop();
    }

    @Test
    @Order(1)
    void logsInWithTheApiToken() {
        browser.get(base + "/workflows");
        browser.findElement(By.id("login-link")).click();
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("token")).sendKeys("wrong");
        browser.findElement(By.id("login-submit")).click();
        // the refusal is a new page: read it once it has loaded, not the form it replaces
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "That is not the API token."));

        browser.findElement(By.id("token")).sendKeys(TOKEN);
        browser.findElement(By.id("login-submit")).click();

        wait.until(ExpectedConditions.urlToBe(base + "/workflows"));
        assertThat(browser.findElements(By.id("logout"))).hasSize(1);
    }

    @Test
    @Order(2)
    void triggersARunFromTheFormAndWatchesItSucceedWithoutReloading() {
        browser.get(base + "/workflows");
        browser.findElement(By.id("trigger-steps")).click();
        wait.until(ExpectedConditions.urlContains("/workflows/steps/trigger"));
        WebElement count = browser.findElement(By.id("param.count"));
        assertThat(count.getAttribute("type")).isEqualTo("number");
        assertThat(count.getAttribute("max")).isEqualTo("20");
        count.clear();
        count.sendKeys("8");
        new Select(browser.findElement(By.id("param.word"))).selectByVisibleText("pace");
        browser.findElement(By.id("trigger-submit")).click();

        wait.until(ExpectedConditions.urlMatches("/runs/[0-9a-f]{32}$"));
        String runId = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
        ((JavascriptExecutor) browser).executeScript("window.freshetMarker = 'same page';");
        By runState = By.id("run-state");
        String first = swapped().until(driver -> driver.findElement(runState).getAttribute("data-state"));
        assertThat(first).isIn("queued", "running");

        swapped().until(driver -> "success".equals(driver.findElement(runState).getAttribute("data-state")));

        assertThat(((JavascriptExecutor) browser).executeScript("return window.freshetMarker"))
                .isEqualTo("same page");
        String countState = swapped()
                .until(driver -> driver.findElement(By.cssSelector("svg.dag g.node[data-task='count']"))
                        .getAttribute("data-state"));
        assertThat(countState).isEqualTo("success");
        String params =
                swapped().until(driver -> driver.findElement(By.id("params")).getText());
        assertThat(params).contains("count", "8", "word", "pace");
        assertThat(engine.runs().run(runId).params()).containsEntry("word", "pace");
    }

    @Test
    @Order(3)
    void opensATasksLogAndFollowsItWhileTheTaskRuns() throws IOException {
        try {
            browser.get(base + "/workflows/gated/trigger");
            browser.findElement(By.id("trigger-submit")).click();
            wait.until(ExpectedConditions.urlMatches("/runs/[0-9a-f]{32}$"));

            // the run's part of the page is swapped every second, so a link found may be gone by the click
            By talkLog = By.cssSelector("a.log-link[data-task='talk'][data-try='1']");
            new WebDriverWait(browser, WAIT)
                    .ignoring(StaleElementReferenceException.class)
                    .until(driver -> {
                        driver.findElement(talkLog).click();
                        return true;
                    });
            wait.until(ExpectedConditions.urlContains("/tasks/talk/logs/1"));
            ((JavascriptExecutor) browser).executeScript("window.freshetMarker = 'log page';");

            // the task waits for the gate, so it is surely still running and has not said its last line
            assertThat(browser.findElement(By.id("following")).getText()).contains("following the running task");
            assertThat(browser.findElement(By.id("log")).getText()).doesNotContain("after the gate");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("log"), "before the gate"));
            Files.createFile(gate);

            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("log"), "after the gate"));
            String log = browser.findElement(By.id("log")).getText();
            assertThat(log.indexOf("before the gate")).isLessThan(log.indexOf("after the gate"));
            assertThat(((JavascriptExecutor) browser).executeScript("return window.freshetMarker"))
                    .isEqualTo("log page");
            // the try has ended: the page stops asking for more
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".log-poller"), 0));
        } finally {
            if (!Files.exists(gate)) {
                Files.createFile(gate);
            }
        }
    }

    @Test
    @Order(4)
    void rollsAModelBackWithTheButton() {
        Run run = engine.runs()
                .runs(new dev.freshet.engine.run.RunQuery("steps", null, null, 1, 0))
                .runs()
                .get(0);
        ModelVersion first = TestEngines.registerChampion(engine, "wine", run, 1.0, 0.0);
        ModelVersion second = TestEngines.registerChampion(engine, "wine", run, 2.0, 0.0);
        browser.get(base + "/models");
        assertThat(browser.findElement(By.id("champion-wine")).getAttribute("data-champion"))
                .isEqualTo(String.valueOf(second.version()));

        browser.findElement(By.cssSelector("#model-wine button.rollback")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();

        wait.until(ExpectedConditions.attributeToBe(
                By.id("champion-wine"), "data-champion", String.valueOf(first.version())));
        assertThat(browser.findElement(By.cssSelector(".flash-ok")).getText())
                .contains("version " + first.version() + " is the champion again");
        assertThat(engine.models().aliased("wine", "champion"))
                .map(ModelVersion::version)
                .contains(first.version());
        assertThat(browser.findElement(By.cssSelector("#model-wine table.promotions"))
                        .getText())
                .contains("rollback from version " + second.version());
    }
}
