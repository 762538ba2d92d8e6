package dev.freshet.engine.events;

import dev.freshet.engine.error.InvalidInputException;

import java.time.Duration;

/** Exponential backoff: {@code first} after the first failed attempt, doubling each time, never above {@code cap}. */
public record Backoff(Duration first, Duration cap) {
    public Backoff {
        if (first.isNegative() || first.isZero() || cap.compareTo(first) < 0) {
            throw new InvalidInputException("backoff: first delay must be positive and the cap at least as long");
        }
    }

    /** The wait after {@code failedAttempts} (1 or more) failed attempts. */
    public Duration delayAfter(int failedAttempts) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
        Duration delay = first.multipliedBy(1L << doublings);
        return delay.compareTo(cap) > 0 ? cap : delay;
    }
}
