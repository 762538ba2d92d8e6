package dev.freshet.engine.workflow;

import dev.freshet.engine.error.InvalidInputException;

import java.time.Duration;

/** A workflow's {@code defaults:} section (Airflow's default_args): what each task gets unless it says otherwise. */
public record TaskDefaults(
        int retries, Duration retryDelay, boolean retryExponentialBackoff, Duration maxRetryDelay, Duration timeout) {
    /** What a workflow without a {@code defaults:} section gets. */
    public static final TaskDefaults BUILT_IN = new TaskDefaults(0, RetryPolicy.DEFAULT_RETRY_DELAY, false, null, null);

    public TaskDefaults {
        // RetryPolicy holds the rules for the retry fields.
        new RetryPolicy(retries, retryDelay, retryExponentialBackoff, maxRetryDelay);
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new InvalidInputException("timeout must be positive, got " + timeout);
        }
    }

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(retries, retryDelay, retryExponentialBackoff, maxRetryDelay);
    }
}
