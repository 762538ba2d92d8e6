package dev.freshet.web;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Debian's Chromium, headless, driven through its chromedriver — both found at fixed paths (or
 * {@code FRESHET_CHROMIUM} / {@code FRESHET_CHROMEDRIVER}), so Selenium Manager never downloads anything. A missing
 * browser fails the test with how to install it: browser tests are never skipped. As a JUnit extension, it saves a
 * screenshot of every failed test under {@code target/screenshots/}.
 */
final class HeadlessChromium implements TestWatcher {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /**
     * Selenium logs through java.util.logging and warns "Unable to find CDP implementation matching N" at each start
     * when no selenium-devtools artifact matches Debian's Chromium; these tests drive WebDriver only, never CDP. Held
     * in a field because java.util.logging keeps its loggers weakly, and a collected logger would forget its level.
     */
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    static {
        SELENIUM_LOG.setLevel(Level.SEVERE);
    }

    private static ChromeDriver current;

    static ChromeDriver start(Path profile) {
        Path browser = Path.of(envOr("FRESHET_CHROMIUM", "/usr/bin/chromium"));
        Path driver = Path.of(envOr("FRESHET_CHROMEDRIVER", "/usr/bin/chromedriver"));
        for (Path needed : new Path[] {browser, driver}) {
            if (!Files.isExecutable(needed)) {
                throw new AssertionError(needed + " is missing: the browser tests need Debian's Chromium and its "
                        + "driver. Install them with `apt-get install -y chromium chromium-driver` (scripts/test does "
                        + "this when run as root), or point FRESHET_CHROMIUM and FRESHET_CHROMEDRIVER at them.");
            }
        }
        System.setProperty("webdriver.chrome.driver", driver.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--disable-extensions",
                "--window-size=1400,1000",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        current = chrome;
        return chrome;
    }

    static void stop() {
        if (current != null) {
            current.quit();
            current = null;
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (current == null) {
            return;
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) current).getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(context.getRequiredTestClass().getSimpleName() + "-"
                    + context.getRequiredTestMethod().getName() + ".png");
            Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            System.err.println("screenshot of the failed test: " + target.toAbsolutePath() + " (page "
                    + current.getCurrentUrl() + ")");
        } catch (IOException | RuntimeException e) {
            System.err.println("could not save a screenshot: " + e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
