package dev.freshet.web;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down token guessing: each client address may fail {@code burst} times in a row, then once per
 * {@code interval}; past that, every attempt of that address — right or wrong — is a 429 with {@code Retry-After}
 * until the allowance has grown back (a generic cell-rate algorithm: one "theoretical arrival time" per address). It
 * wraps the credential checks without touching them: {@link #refuseIfBlocked} runs before a check, {@link
 * #countIfFailed} after it, and a check that answered 401 counts as a failure.
 * <p>
 * Failures and refusals are counted in {@code freshet_auth_failures_total{endpoint}} and {@code
 * freshet_auth_throttled_total{endpoint}}. Addresses are the TCP peer's: behind a proxy every client shares one.
 */
public final class FailedLoginThrottle {
    public static final int BURST = 10;
    public static final Duration INTERVAL = Duration.ofSeconds(6);
    private static final int MAX_ADDRESSES = 100_000;

    /** Where the credentials were checked, as the meters' {@code endpoint} tag. */
    public enum Endpoint {
        API("api"),
        LOGIN("login");

        private final String tag;

        Endpoint(String tag) {
            this.tag = tag;
        }
    }

    private final Clock clock;
    private final int burst;
    private final long intervalMillis;
    private final Map<String, Long> nextFreeAt = new ConcurrentHashMap<>();
    private final Map<Endpoint, Counter> failures = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, Counter> throttled = new EnumMap<>(Endpoint.class);

    public FailedLoginThrottle(Clock clock, MeterRegistry registry) {
        this(clock, registry, BURST, INTERVAL);
    }

    FailedLoginThrottle(Clock clock, MeterRegistry registry, int burst, Duration interval) {
        this.clock = clock;
        this.burst = burst;
        this.intervalMillis = interval.toMillis();
        for (Endpoint endpoint : Endpoint.values()) {
            failures.put(
                    endpoint,
                    Counter.builder("freshet.auth.failures")
                            .description("requests refused for a missing or wrong token")
                            .tag("endpoint", endpoint.tag)
                            .register(registry));
            throttled.put(
                    endpoint,
                    Counter.builder("freshet.auth.throttled")
                            .description("requests refused (429) after too many failed attempts from their address")
                            .tag("endpoint", endpoint.tag)
                            .register(registry));
        }
    }

    /** A before-handler: 429 with {@code Retry-After} when {@code ctx}'s address has used up its attempts. */
    public void refuseIfBlocked(Context ctx, Endpoint endpoint) {
        Duration wait = waitFor(ctx.ip());
        if (!wait.isZero()) {
            throttled.get(endpoint).increment();
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            ctx.header("Retry-After", Long.toString(seconds));
            throw new HttpProblem(429, "too many failed attempts from this address; try again in " + seconds + " s");
        }
    }

    /** An after-handler: a 401 counts as one failed attempt of {@code ctx}'s address. */
    public void countIfFailed(Context ctx, Endpoint endpoint) {
        if (ctx.statusCode() == 401) {
            failed(ctx.ip());
            failures.get(endpoint).increment();
        }
    }

    /** How long {@code address} must wait before its next attempt; zero when it may try now. */
    Duration waitFor(String address) {
        Long next = nextFreeAt.get(address);
        if (next == null) {
            return Duration.ZERO;
        }
        long over = next - clock.millis() - (burst - 1) * intervalMillis;
        return over > 0 ? Duration.ofMillis(over) : Duration.ZERO;
    }

    void failed(String address) {
        long now = clock.millis();
        if (nextFreeAt.size() >= MAX_ADDRESSES) {
            nextFreeAt.values().removeIf(next -> next <= now);
        }
        nextFreeAt.merge(address, now + intervalMillis, (old, fresh) -> Math.max(old, now) + intervalMillis);
    }
}
