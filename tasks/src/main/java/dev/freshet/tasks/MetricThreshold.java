package dev.freshet.tasks;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.task.TaskConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One metric's thresholds, in TFMA's spirit: value bounds ({@code min}, {@code max}, inclusive) and a change
 * threshold against the champion ({@code change: {absolute | relative, direction}}): the candidate must improve on
 * the champion by more than {@code absolute}, or by more than {@code relative} times the champion's value, in the
 * metric's direction. {@code absolute: 0} means strictly better; a negative value tolerates that much regression.
 */
record MetricThreshold(String metric, Double min, Double max, Direction direction, Double absolute, Double relative) {

    static final Set<String> METRICS = Set.of("rmse", "mae", "r2", "max_error");
    private static final Set<String> KEYS = Set.of("min", "max", "change");
    private static final Set<String> CHANGE_KEYS = Set.of("absolute", "relative", "direction");

    MetricThreshold {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(direction, "direction");
        if (min != null && max != null && min > max) {
            throw new InvalidInputException(metric + ": min " + min + " is above max " + max);
        }
    }

    /** Strictly lower RMSE than the champion's: the rule when no change threshold is configured. */
    static MetricThreshold beatChampionRmse() {
        return new MetricThreshold("rmse", null, null, Direction.LOWER_IS_BETTER, 0.0, null);
    }

    boolean hasChange() {
        return absolute != null || relative != null;
    }

    /** {@code thresholds: {rmse: {max: 0.9, change: {relative: 0.01}}, r2: {min: 0}}}. */
    static List<MetricThreshold> parse(TaskConfig thresholds) {
        List<MetricThreshold> parsed = new ArrayList<>();
        for (String metric : thresholds.asMap().keySet()) {
            if (!METRICS.contains(metric)) {
                throw thresholds.error(metric, "unknown metric; known: " + new TreeSet<>(METRICS));
            }
            TaskConfig bounds = thresholds.section(metric);
            ConfigKeys.requireKnown(bounds, KEYS);
            TaskConfig change = bounds.section("change");
            ConfigKeys.requireKnown(change, CHANGE_KEYS);
            Direction direction;
            try {
                direction = change.optString("direction").map(Direction::parse).orElse(Direction.defaultFor(metric));
            } catch (InvalidInputException e) {
                throw change.error("direction", e.getMessage());
            }
            if (!change.asMap().isEmpty() && !change.has("absolute") && !change.has("relative")) {
                throw bounds.error("change", "needs absolute or relative");
            }
            try {
                parsed.add(new MetricThreshold(
                        metric,
                        bounds.optNumber("min").orElse(null),
                        bounds.optNumber("max").orElse(null),
                        direction,
                        change.optNumber("absolute").orElse(null),
                        change.optNumber("relative").orElse(null)));
            } catch (InvalidInputException e) {
                throw thresholds.error(metric, e.getMessage());
            }
        }
        return parsed;
    }
}
