package dev.freshet.web;

import java.time.Duration;

/**
 * How slowly a request body may arrive: after {@code grace}, at least {@code minBytesPerSecond} on average since
 * its reading began, and all of it within {@code deadline}. Jetty's own minimum data rate is not used: it counts
 * from the request's first byte to the moment the application reads, so a small body read by a busy server looks
 * slow though it arrived at once.
 */
record BodyPace(Duration grace, long minBytesPerSecond, Duration deadline) {
    static final BodyPace DEFAULT = new BodyPace(Duration.ofSeconds(5), 1024, Duration.ofSeconds(60));

    BodyPace {
        if (grace.isNegative() || minBytesPerSecond < 0 || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("grace and rate must not be negative, the deadline must be positive");
        }
    }

    /** Whether {@code bytes} received in {@code elapsedNanos} since the body's reading began is too slow. */
    boolean tooSlow(long bytes, long elapsedNanos) {
        if (elapsedNanos > deadline.toNanos()) {
            return true;
        }
        return elapsedNanos > grace.toNanos() && bytes < minBytesPerSecond * (elapsedNanos / 1_000_000L) / 1000;
    }

    Problem problem() {
        return Problem.of(
                408,
                "request body: arriving too slowly (a body must arrive at " + minBytesPerSecond
                        + " bytes/s or more after its first " + grace.toSeconds() + " s, and wholly within "
                        + deadline.toSeconds() + " s)");
    }
}
