package dev.freshet.engine.events;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.workflow.Durations;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how events are delivered. {@code secret} may be null (no signature). A delivery is given up after
 * {@code maxAttempts} attempts; a delivery loop holds the events it claimed for {@code lease}.
 */
public record WebhookSettings(
        URI url,
        String secret,
        WebhookFormat format,
        Duration timeout,
        Backoff backoff,
        int maxAttempts,
        Duration lease,
        Duration pollInterval) {
    public static final String URL_VARIABLE = "FRESHET_WEBHOOK_URL";
    public static final String SECRET_VARIABLE = "FRESHET_WEBHOOK_SECRET";
    public static final String FORMAT_VARIABLE = "FRESHET_WEBHOOK_FORMAT";
    public static final String MAX_ATTEMPTS_VARIABLE = "FRESHET_WEBHOOK_MAX_ATTEMPTS";
    public static final String LEASE_VARIABLE = "FRESHET_WEBHOOK_LEASE";
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(1);

    public WebhookSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(lease, "lease");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new InvalidInputException(URL_VARIABLE + ": '" + url + "' is not an http(s) URL");
        }
        if (maxAttempts < 1) {
            throw new InvalidInputException(MAX_ATTEMPTS_VARIABLE + ": must be at least 1, was " + maxAttempts);
        }
        if (lease.compareTo(timeout) <= 0) {
            throw new InvalidInputException(LEASE_VARIABLE + ": " + Durations.format(lease)
                    + " does not outlast the request timeout of " + Durations.format(timeout));
        }
    }

    /**
     * The defaults for a URL: 10 s timeout, retries from 10 s doubling up to an hour, 15 attempts (about 9 hours), a
     * one-minute lease.
     */
    public static WebhookSettings of(URI url, String secret, WebhookFormat format) {
        return new WebhookSettings(
                url,
                secret,
                format,
                Duration.ofSeconds(10),
                new Backoff(Duration.ofSeconds(10), Duration.ofHours(1)),
                15,
                DEFAULT_LEASE,
                Duration.ofSeconds(1));
    }

    /** The settings the environment gives; empty when {@code FRESHET_WEBHOOK_URL} is unset or blank. */
    public static Optional<WebhookSettings> fromEnvironment(Map<String, String> env) {
        String url = env.get(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(URL_VARIABLE + ": not a URL: " + e.getMessage());
        }
        String secret = env.get(SECRET_VARIABLE);
        String format = env.getOrDefault(FORMAT_VARIABLE, "json");
        WebhookSettings settings = of(
                uri,
                secret == null || secret.isEmpty() ? null : secret,
                WebhookFormat.parse(format.isBlank() ? "json" : format, FORMAT_VARIABLE));
        String attempts = env.get(MAX_ATTEMPTS_VARIABLE);
        if (attempts != null && !attempts.isBlank()) {
            try {
                settings = settings.withMaxAttempts(Integer.parseInt(attempts.trim()));
            } catch (NumberFormatException e) {
                throw new InvalidInputException(MAX_ATTEMPTS_VARIABLE + ": '" + attempts + "' is not a number");
            }
        }
        String lease = env.get(LEASE_VARIABLE);
        if (lease != null && !lease.isBlank()) {
            settings = settings.withLease(lease(lease));
        }
        return Optional.of(settings);
    }

    private static Duration lease(String text) {
        try {
            return Durations.parse(text);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(LEASE_VARIABLE + ": " + e.getMessage(), e);
        }
    }

    public WebhookSettings withMaxAttempts(int attempts) {
        return new WebhookSettings(url, secret, format, timeout, backoff, attempts, lease, pollInterval);
    }

    public WebhookSettings withBackoff(Backoff newBackoff) {
        return new WebhookSettings(url, secret, format, timeout, newBackoff, maxAttempts, lease, pollInterval);
    }

    public WebhookSettings withLease(Duration newLease) {
        return new WebhookSettings(url, secret, format, timeout, backoff, maxAttempts, newLease, pollInterval);
    }

    public WebhookSettings withPollInterval(Duration interval) {
        return new WebhookSettings(url, secret, format, timeout, backoff, maxAttempts, lease, interval);
    }

    /** Never shows the secret (settings get logged). */
    @Override
    public String toString() {
        return "WebhookSettings[url=" + url.getScheme() + "://" + url.getAuthority() + "/…, secret="
                + (secret == null ? "none" : "***") + ", format=" + format + ", maxAttempts=" + maxAttempts + "]";
    }
}
