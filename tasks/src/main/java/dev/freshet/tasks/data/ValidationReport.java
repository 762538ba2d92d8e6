package dev.freshet.tasks.data;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.freshet.engine.error.InvalidInputException;

import java.util.List;
import java.util.Objects;

/** The checks run on one data set; it passes when no check failed (warnings let it through). */
@JsonIgnoreProperties(
        value = {"passed", "failed_checks", "warnings"},
        allowGetters = true)
@JsonPropertyOrder({"source", "passed", "failed_checks", "warnings", "checks"})
public record ValidationReport(
        @JsonProperty("source") String source,
        @JsonProperty("checks") List<Check> checks) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ValidationReport {
        Objects.requireNonNull(source, "source");
        checks = List.copyOf(checks);
    }

    @JsonProperty("passed")
    public boolean passed() {
        return checks.stream().noneMatch(check -> check.verdict() == Verdict.FAIL);
    }

    public List<Check> failures() {
        return checks.stream().filter(check -> check.verdict() == Verdict.FAIL).toList();
    }

    public List<Check> warnings() {
        return checks.stream().filter(check -> check.verdict() == Verdict.WARN).toList();
    }

    @JsonProperty("failed_checks")
    int failedCount() {
        return failures().size();
    }

    @JsonProperty("warnings")
    int warningCount() {
        return warnings().size();
    }

    public List<Check> named(String name) {
        return checks.stream().filter(check -> check.name().equals(name)).toList();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write validation report as JSON", e);
        }
    }

    public static ValidationReport fromJson(String json) {
        try {
            return JSON.readValue(json, ValidationReport.class);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("not a validation report: " + e.getOriginalMessage(), e);
        }
    }
}
