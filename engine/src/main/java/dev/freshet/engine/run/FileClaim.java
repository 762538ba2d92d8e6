package dev.freshet.engine.run;

import dev.freshet.engine.error.InvalidInputException;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One landed file content that a workflow's file trigger takes: at most one run is ever started for it.
 *
 * @param path   as the trigger's glob matched it, e.g. {@code landing/batch-7.csv}
 * @param sha256 of the file's bytes, lower-case hex
 */
public record FileClaim(String workflowId, String path, String sha256) {
    public static final int MAX_PATH_LENGTH = 1000;
    private static final Pattern SHA_256_HEX = Pattern.compile("[0-9a-f]{64}");

    public FileClaim {
        Objects.requireNonNull(workflowId, "workflowId");
        Objects.requireNonNull(path, "path");
        if (path.isEmpty() || path.length() > MAX_PATH_LENGTH) {
            throw new InvalidInputException(
                    "a claimed file's path must have 1 to " + MAX_PATH_LENGTH + " characters: " + path);
        }
        if (sha256 == null || !SHA_256_HEX.matcher(sha256).matches()) {
            throw new InvalidInputException("sha256 must be lower-case hex, got " + sha256);
        }
    }
}
