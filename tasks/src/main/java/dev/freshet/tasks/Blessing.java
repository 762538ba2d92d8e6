package dev.freshet.tasks;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * The evaluator's verdict on a candidate model: blessed or not, with every reason, and the champion it was held
 * against (null when there was none).
 */
public record Blessing(@JsonProperty("blessed") boolean blessed,
                       @JsonProperty("reasons") List<String> reasons,
                       @JsonProperty("metrics") Map<String, Double> metrics,
                       @JsonProperty("champion_version") Integer championVersion,
                       @JsonProperty("champion_metrics") Map<String, Double> championMetrics) {
    public Blessing {
        reasons = List.copyOf(reasons);
        metrics = Map.copyOf(metrics);
        championMetrics = championMetrics == null ? null : Map.copyOf(championMetrics);
    }
}
