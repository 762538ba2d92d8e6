package dev.freshet.tasks;

import dev.freshet.engine.error.InvalidInputException;

import java.util.Locale;

/** Whether a metric improves by going down (errors) or up (R²), as TFMA's change thresholds say it. */
enum Direction {
    LOWER_IS_BETTER,
    HIGHER_IS_BETTER;

    static Direction defaultFor(String metric) {
        return metric.equals("r2") ? HIGHER_IS_BETTER : LOWER_IS_BETTER;
    }

    static Direction parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "lower_is_better", "lower" -> LOWER_IS_BETTER;
            case "higher_is_better", "higher" -> HIGHER_IS_BETTER;
            default ->
                throw new InvalidInputException(
                        "unknown direction '" + text + "'; use lower_is_better or higher_is_better");
        };
    }

    /** How much better {@code candidate} is than {@code baseline}; negative when it is worse. */
    double improvement(double candidate, double baseline) {
        return this == LOWER_IS_BETTER ? baseline - candidate : candidate - baseline;
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
