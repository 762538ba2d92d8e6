package dev.freshet.engine.events;

import dev.freshet.engine.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The webhook's settings from the environment, their errors, and the backoff between attempts. */
class WebhookSettingsTest {

    @Test
    void noUrlMeansNoDelivery() {
        assertThat(WebhookSettings.fromEnvironment(Map.of())).isEmpty();
        assertThat(WebhookSettings.fromEnvironment(Map.of("FRESHET_WEBHOOK_URL", " ")))
                .isEmpty();
    }

    @Test
    void theEnvironmentGivesUrlSecretFormatAndAttempts() {
        WebhookSettings settings = WebhookSettings.fromEnvironment(Map.of(
                        "FRESHET_WEBHOOK_URL", "https://hooks.slack.com/services/T0/B0/secretpath",
                        "FRESHET_WEBHOOK_SECRET", "s3cret",
                        "FRESHET_WEBHOOK_FORMAT", "Slack",
                        "FRESHET_WEBHOOK_MAX_ATTEMPTS", "4"))
                .orElseThrow();

        assertThat(settings.url()).isEqualTo(URI.create("https://hooks.slack.com/services/T0/B0/secretpath"));
        assertThat(settings.secret()).isEqualTo("s3cret");
        assertThat(settings.format()).isEqualTo(WebhookFormat.SLACK);
        assertThat(settings.maxAttempts()).isEqualTo(4);
        assertThat(settings.toString())
                .as("settings get logged: neither the secret nor the URL's path")
                .doesNotContain("s3cret")
                .doesNotContain("secretpath")
                .contains("hooks.slack.com");
    }

    @Test
    void aBadValueIsAnErrorNamingTheVariable() {
        assertThatThrownBy(() -> WebhookSettings.fromEnvironment(Map.of("FRESHET_WEBHOOK_URL", "ftp://example.org/x")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("FRESHET_WEBHOOK_URL: 'ftp://example.org/x' is not an http(s) URL");
        assertThatThrownBy(() -> WebhookSettings.fromEnvironment(
                        Map.of("FRESHET_WEBHOOK_URL", "http://localhost/h", "FRESHET_WEBHOOK_FORMAT", "teams")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("FRESHET_WEBHOOK_FORMAT: 'teams' is not a webhook format (json or slack)");
        assertThatThrownBy(() -> WebhookSettings.fromEnvironment(
                        Map.of("FRESHET_WEBHOOK_URL", "http://localhost/h", "FRESHET_WEBHOOK_MAX_ATTEMPTS", "0")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("FRESHET_WEBHOOK_MAX_ATTEMPTS: must be at least 1, was 0");
    }

    @Test
    void theLeaseIsOneMinuteUnlessTheEnvironmentSetsADuration() {
        assertThat(WebhookSettings.fromEnvironment(Map.of("FRESHET_WEBHOOK_URL", "http://localhost/h"))
                        .orElseThrow()
                        .lease())
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(WebhookSettings.fromEnvironment(
                                Map.of("FRESHET_WEBHOOK_URL", "http://localhost/h", "FRESHET_WEBHOOK_LEASE", "15s"))
                        .orElseThrow()
                        .lease())
                .isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void aDeliveryLoopClaimsNoMoreEventsThanItCanPostEachWithinItsTimeoutBeforeTheLeaseRunsOut() {
        assertThat(delivery("15s").batchWithinLease()).isEqualTo(1);
        assertThat(delivery("1m").batchWithinLease()).isEqualTo(5);
        assertThat(delivery("1h").batchWithinLease()).isEqualTo(20);
    }

    private static WebhookDelivery delivery(String lease) {
        WebhookSettings settings = WebhookSettings.fromEnvironment(
                        Map.of("FRESHET_WEBHOOK_URL", "http://localhost/h", "FRESHET_WEBHOOK_LEASE", lease))
                .orElseThrow();
        return new WebhookDelivery(null, settings, Clock.systemUTC(), "node");
    }

    @Test
    void aLeaseThatIsNoDurationOrDoesNotOutlastTheRequestTimeoutIsAnErrorNamingTheVariable() {
        assertThatThrownBy(() -> WebhookSettings.fromEnvironment(
                        Map.of("FRESHET_WEBHOOK_URL", "http://localhost/h", "FRESHET_WEBHOOK_LEASE", "soon")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("FRESHET_WEBHOOK_LEASE: invalid duration 'soon'");
        assertThatThrownBy(() -> WebhookSettings.fromEnvironment(
                        Map.of("FRESHET_WEBHOOK_URL", "http://localhost/h", "FRESHET_WEBHOOK_LEASE", "10s")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("FRESHET_WEBHOOK_LEASE: 10s does not outlast the request timeout of 10s");
    }

    @Test
    void theBackoffDoublesFromTheFirstDelayUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(1));

        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(backoff.delayAfter(4)).isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.delayAfter(1000)).isEqualTo(Duration.ofMinutes(1));
    }
}
