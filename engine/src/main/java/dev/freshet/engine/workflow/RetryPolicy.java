package dev.freshet.engine.workflow;

import dev.freshet.engine.error.InvalidInputException;

import java.time.Duration;

/**
 * How often a failed task is tried again and how long to wait in between.
 *
 * @param retries            tries after the first one; 0 means a failure is final
 * @param retryDelay         the wait before the first retry
 * @param exponentialBackoff double the wait before each further retry
 * @param maxRetryDelay      the longest wait when backing off exponentially; null means {@link #DEFAULT_MAX_RETRY_DELAY}
 */
public record RetryPolicy(int retries, Duration retryDelay, boolean exponentialBackoff, Duration maxRetryDelay) {
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MAX_RETRY_DELAY = Duration.ofDays(1);
    public static final RetryPolicy NONE = new RetryPolicy(0, DEFAULT_RETRY_DELAY, false, null);

    public RetryPolicy {
        if (retries < 0) {
            throw new InvalidInputException("retries must be 0 or more, got " + retries);
        }
        if (retryDelay == null || retryDelay.isNegative()) {
            throw new InvalidInputException("retry_delay must be a duration of 0 or more, got " + retryDelay);
        }
        if (maxRetryDelay != null && (maxRetryDelay.isNegative() || maxRetryDelay.isZero())) {
            throw new InvalidInputException("max_retry_delay must be positive, got " + maxRetryDelay);
        }
    }

    /** The wait before retry number {@code retryNumber} (1 for the first retry). */
    public Duration delayBeforeRetry(int retryNumber) {
        if (retryNumber < 1) {
            throw new IllegalArgumentException("retry numbers start at 1, got " + retryNumber);
        }
        if (!exponentialBackoff) {
            return retryDelay;
        }
        Duration cap = maxRetryDelay != null ? maxRetryDelay : DEFAULT_MAX_RETRY_DELAY;
        Duration delay = retryDelay;
        for (int retry = 1; retry < retryNumber && !delay.isZero() && delay.compareTo(cap) < 0; retry++) {
            delay = delay.compareTo(cap.dividedBy(2)) > 0 ? cap : delay.multipliedBy(2);
        }
        return delay.compareTo(cap) > 0 ? cap : delay;
    }
}
