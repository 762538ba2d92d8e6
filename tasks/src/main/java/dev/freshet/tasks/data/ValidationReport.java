package dev.freshet.tasks.data;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.freshet.engine.InvalidInputException;

import java.util.List;
import java.util.Objects;

/** The checks run on one data file; it passes when every check passes. */
@JsonIgnoreProperties(value = "passed", allowGetters = true)
public record ValidationReport(String source, List<Check> checks) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ValidationReport {
        Objects.requireNonNull(source, "source");
        checks = List.copyOf(checks);
    }

    @JsonProperty("passed")
    public boolean passed() {
        return checks.stream().allMatch(Check::passed);
    }

    public List<Check> failures() {
        return checks.stream().filter(check -> !check.passed()).toList();
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
