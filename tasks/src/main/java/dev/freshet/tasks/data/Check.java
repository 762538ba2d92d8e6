package dev.freshet.tasks.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One data check and its outcome.
 *
 * @param name      what was checked, e.g. {@code min_rows} (see {@link CheckKind})
 * @param column    the column checked, or null for a check on the whole data set
 * @param severity  what the check does to the gate when it does not hold
 * @param verdict   pass, warn, fail or skip
 * @param value     the measured quantity (a count, a fraction, a p-value), or null when the check is yes/no
 * @param threshold the limit the value was held to, or null when there is none
 * @param message   the outcome in words, naming files, lines and values where it did not hold
 * @param details   further measurements (e.g. the KS statistic beside its p-value), possibly empty
 */
@JsonPropertyOrder({"name", "column", "severity", "verdict", "value", "threshold", "message", "details"})
public record Check(
        @JsonProperty("name") String name,
        @JsonProperty("column") String column,
        @JsonProperty("severity") Severity severity,
        @JsonProperty("verdict") Verdict verdict,
        @JsonProperty("value") Double value,
        @JsonProperty("threshold") Double threshold,
        @JsonProperty("message") String message,

        @JsonProperty("details") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, Object> details) {

    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(message, "message");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a check needs a name");
        }
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public Check(
            String name,
            String column,
            Severity severity,
            Verdict verdict,
            Double value,
            Double threshold,
            String message) {
        this(name, column, severity, verdict, value, threshold, message, Map.of());
    }

    public boolean passed() {
        return verdict == Verdict.PASS;
    }

    /** The check as one line of a task error: {@code value_range [pH]: …}. */
    public String describe() {
        return name + (column == null ? "" : " [" + column + "]") + ": " + message;
    }
}
