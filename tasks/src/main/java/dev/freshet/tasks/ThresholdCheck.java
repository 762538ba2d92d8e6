package dev.freshet.tasks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One threshold held against a candidate's metric.
 *
 * @param kind      {@code max}, {@code min}, {@code change_absolute} or {@code change_relative}
 * @param baseline  the champion's value of the metric on the same holdout, for change thresholds
 */
@JsonPropertyOrder({"metric", "kind", "value", "threshold", "baseline", "passed", "message"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ThresholdCheck(
        @JsonProperty("metric") String metric,
        @JsonProperty("kind") String kind,
        @JsonProperty("value") double value,
        @JsonProperty("threshold") double threshold,
        @JsonProperty("baseline") Double baseline,
        @JsonProperty("passed") boolean passed,
        @JsonProperty("message") String message) {}
