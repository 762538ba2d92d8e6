package dev.freshet.tasks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evaluator's verdict on a candidate model: blessed or not, with every reason and every threshold check, the
 * holdout it was scored on, and the champion it was held against (null when there was none).
 */
@JsonPropertyOrder({"blessed", "reasons", "checks", "metrics", "champion_version", "champion_metrics", "holdout"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Blessing(
        @JsonProperty("blessed") boolean blessed,
        @JsonProperty("reasons") List<String> reasons,
        @JsonProperty("checks") List<ThresholdCheck> checks,
        @JsonProperty("metrics") Map<String, Double> metrics,
        @JsonProperty("champion_version") Integer championVersion,
        @JsonProperty("champion_metrics") Map<String, Double> championMetrics,
        @JsonProperty("holdout") Map<String, Object> holdout) {
    public Blessing {
        reasons = List.copyOf(reasons);
        checks = List.copyOf(checks);
        metrics = ordered(metrics);
        championMetrics = championMetrics == null ? null : ordered(championMetrics);
        holdout = holdout == null ? Map.of() : ordered(holdout);
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
