package dev.freshet.engine.workflow;

import dev.freshet.engine.error.InvalidInputException;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rule for workflow and task ids: they end up in file names (a try's log is {@code logs/<run>/<task>/<try>.log}),
 * URLs and database keys. Letters, digits, {@code _ . -}, as in Airflow; {@code .} and {@code ..} alone would name the
 * folder itself or its parent, so they are refused.
 */
final class Ids {
    static final int MAX_LENGTH = 250;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_.-]+");

    private Ids() {}

    /** Why {@code id} is not a valid id, or empty if it is; {@code what} is e.g. "workflow id". */
    static Optional<String> problem(String what, String id) {
        if (id == null || id.isBlank()) {
            return Optional.of(what + " must not be blank");
        }
        if (!ALLOWED.matcher(id).matches()) {
            return Optional.of(what + " '" + id + "' may only contain letters, digits, '_', '.' and '-'");
        }
        if (id.equals(".") || id.equals("..")) {
            return Optional.of(what + " '" + id + "' is not allowed: '.' and '..' name folders in file paths");
        }
        if (id.length() > MAX_LENGTH) {
            return Optional.of(
                    what + " is " + id.length() + " characters long; at most " + MAX_LENGTH + " are allowed");
        }
        return Optional.empty();
    }

    static String require(String what, String id) {
        problem(what, id).ifPresent(message -> {
            throw new InvalidInputException(message);
        });
        return id;
    }
}
