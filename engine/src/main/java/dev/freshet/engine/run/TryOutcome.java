package dev.freshet.engine.run;

import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.task.TaskEvent;
import dev.freshet.engine.task.TaskResult;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

/**
 * How a try ended: with a result, or with an error. A failed try is retried unless its failure is {@code permanent}:
 * bad input ({@link InvalidInputException}) fails the same way every time.
 */
record TryOutcome(TaskResult result, String error, boolean permanent, List<TaskEvent> events) {
    private static final int MAX_ERROR_LENGTH = 4000;

    TryOutcome {
        events = List.copyOf(events);
    }

    TryOutcome(TaskResult result, String error, boolean permanent) {
        this(result, error, permanent, List.of());
    }

    /** The same outcome with the events the try raised, written with it. */
    TryOutcome withEvents(List<TaskEvent> raised) {
        return new TryOutcome(result, error, permanent, raised);
    }

    static TryOutcome success(TaskResult result) {
        return new TryOutcome(result, null, false);
    }

    static TryOutcome failure(String error) {
        return new TryOutcome(null, error, false);
    }

    /** A failure that a retry would repeat. */
    static TryOutcome permanentFailure(String error) {
        return new TryOutcome(null, error, true);
    }

    /** Classifies what a task threw (or its timeout) into a failure and says it in one line. */
    static TryOutcome failure(Exception e, Duration timeout) {
        String error = describe(e, timeout);
        return new TryOutcome(null, error, e instanceof InvalidInputException);
    }

    boolean succeeded() {
        return error == null;
    }

    /** Whether the log should keep the stack trace: our own failures and timeouts say all in their message. */
    static boolean unexpected(Exception e) {
        return !(e instanceof FreshetException) && !(e instanceof TimeoutException);
    }

    private static String describe(Exception e, Duration timeout) {
        String text;
        if (e instanceof TimeoutException) {
            text = "timed out after " + timeout;
        } else if (e instanceof CancellationException || e instanceof InterruptedException) {
            text = "cancelled";
        } else if (e instanceof FreshetException) {
            text = e.getMessage();
        } else {
            text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) + "…" : text;
    }
}
