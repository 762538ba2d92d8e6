package dev.freshet.engine.workflow;

import dev.freshet.engine.error.InvalidInputException;

import java.util.Locale;

/** The realized error a performance trigger watches. */
public enum DecayMetric {
    RMSE,
    MAE;

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DecayMetric fromYaml(String text) {
        for (DecayMetric metric : values()) {
            if (metric.yamlName().equals(text)) {
                return metric;
            }
        }
        throw new InvalidInputException("metric must be rmse or mae, got '" + text + "'");
    }
}
