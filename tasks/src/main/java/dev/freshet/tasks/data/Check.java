package dev.freshet.tasks.data;

import java.util.Objects;

/**
 * One data-quality check and its outcome.
 *
 * @param name      what was checked, e.g. {@code min_rows}
 * @param column    the column checked, or null for a check on the whole file
 * @param value     the measured quantity (a count), or null when the check is yes/no
 * @param threshold the limit the value was held to, or null when the check is yes/no
 * @param message   the outcome in words, naming lines and values where it failed
 */
public record Check(String name, String column, Double value, Double threshold, Verdict verdict, String message) {

    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(message, "message");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a check needs a name");
        }
    }

    public boolean passed() {
        return verdict == Verdict.PASS;
    }
}
