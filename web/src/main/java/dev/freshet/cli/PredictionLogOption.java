package dev.freshet.cli;

import dev.freshet.engine.error.InvalidInputException;
import picocli.CommandLine.Option;

import java.util.Locale;

/**
 * {@code --prediction-log on|off} (env {@code FRESHET_PREDICTION_LOG}; default on: logging costs scoring less than
 * its budget of 10% of throughput, docs/rest-api.md gives the measurement).
 */
final class PredictionLogOption {
    static final String ENV = "FRESHET_PREDICTION_LOG";

    @Option(
            names = "--prediction-log",
            paramLabel = "on|off",
            description = "Give scored rows prediction ids and log them for feedback (env " + ENV + "; default on)")
    String value;

    boolean enabled() {
        return parse(value != null ? value : System.getenv(ENV));
    }

    static boolean parse(String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default ->
                throw new InvalidInputException(
                        "--prediction-log / " + ENV + ": expected on or off, got '" + text + "'");
        };
    }
}
