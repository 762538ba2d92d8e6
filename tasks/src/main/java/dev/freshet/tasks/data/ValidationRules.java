package dev.freshet.tasks.data;

import dev.freshet.engine.drift.DriftRules;
import dev.freshet.engine.error.InvalidInputException;

import java.util.Map;

/**
 * The limits the validator holds data to, and the severity of each check.
 *
 * @param minRows              fewest data rows in the whole data set
 * @param minBatchRows         fewest data rows in each batch, or null for no limit
 * @param maxNullFraction      largest share of missing values in any column
 * @param maxDuplicateFraction largest share of rows that repeat an earlier row, or null to only measure it
 * @param severities           severity by check name or group name ({@link CheckKind#severityKeys()}); a check's
 *                             own name wins over its group's, and both over its default
 */
public record ValidationRules(
        int minRows,
        Integer minBatchRows,
        double maxNullFraction,
        Double maxDuplicateFraction,
        DriftRules drift,
        Map<String, Severity> severities) {

    public static final ValidationRules DEFAULTS =
            new ValidationRules(1, null, 0.0, null, DriftRules.DEFAULTS, Map.of());

    public ValidationRules {
        if (minRows < 0) {
            throw new InvalidInputException("min_rows must be >= 0, was " + minRows);
        }
        if (minBatchRows != null && minBatchRows < 0) {
            throw new InvalidInputException("min_batch_rows must be >= 0, was " + minBatchRows);
        }
        if (!(maxNullFraction >= 0 && maxNullFraction <= 1)) {
            throw new InvalidInputException("max_null_fraction must be in [0, 1], was " + maxNullFraction);
        }
        if (maxDuplicateFraction != null && !(maxDuplicateFraction >= 0 && maxDuplicateFraction <= 1)) {
            throw new InvalidInputException("max_duplicate_fraction must be in [0, 1], was " + maxDuplicateFraction);
        }
        severities = Map.copyOf(severities);
        for (String key : severities.keySet()) {
            if (!CheckKind.severityKeys().contains(key)) {
                throw new InvalidInputException(
                        "severity: unknown check or group '" + key + "'; known: " + CheckKind.severityKeys());
            }
        }
    }

    public Severity severity(CheckKind kind) {
        Severity own = severities.get(kind.checkName());
        if (own != null) {
            return own;
        }
        return severities.getOrDefault(kind.group(), kind.defaultSeverity());
    }

    public ValidationRules withMinRows(int rows) {
        return new ValidationRules(rows, minBatchRows, maxNullFraction, maxDuplicateFraction, drift, severities);
    }
}
