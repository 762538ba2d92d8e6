package dev.freshet.engine.workflow;

import dev.freshet.engine.error.InvalidInputException;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in workflow files: {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}, {@code 500ms},
 * combinations such as {@code 1h30m}, a bare number of seconds ({@code 30}, {@code 1.5}), or ISO-8601 ({@code PT30S}).
 */
public final class Durations {
    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");
    private static final Pattern PARTS = Pattern.compile("((\\d+(?:\\.\\d+)?)(ms|s|m|h|d))+");
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");
    private static final String HELP =
            "use e.g. 30s, 10m, 2h, 1d, 500ms, 1h30m, a number of seconds, or ISO-8601 such as PT30S";

    private Durations() {}

    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("a duration must not be blank; " + HELP);
        }
        String trimmed = text.strip();
        Duration duration;
        if (trimmed.toUpperCase(Locale.ROOT).startsWith("P")) {
            duration = parseIso(trimmed);
        } else if (NUMBER.matcher(trimmed).matches()) {
            duration = ofSeconds(new BigDecimal(trimmed), trimmed);
        } else if (PARTS.matcher(trimmed).matches()) {
            duration = Duration.ZERO;
            Matcher part = PART.matcher(trimmed);
            while (part.find()) {
                duration = duration.plus(
                        ofSeconds(new BigDecimal(part.group(1)).multiply(secondsPer(part.group(2))), trimmed));
            }
        } else {
            throw new InvalidInputException("invalid duration '" + text + "'; " + HELP);
        }
        return duration;
    }

    /** The shortest form {@link #parse} reads back, e.g. {@code 1h30m}, {@code 500ms}, {@code 0s}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.isNegative() || duration.toNanosPart() % 1_000_000 != 0) {
            return duration.toString();
        }
        StringBuilder text = new StringBuilder();
        append(text, duration.toDaysPart(), "d");
        append(text, duration.toHoursPart(), "h");
        append(text, duration.toMinutesPart(), "m");
        append(text, duration.toSecondsPart(), "s");
        append(text, duration.toMillisPart(), "ms");
        return text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount != 0) {
            text.append(amount).append(unit);
        }
    }

    private static Duration parseIso(String text) {
        try {
            Duration duration = Duration.parse(text.toUpperCase(Locale.ROOT));
            if (duration.isNegative()) {
                throw new InvalidInputException("duration '" + text + "' must not be negative");
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("invalid duration '" + text + "'; " + HELP);
        }
    }

    private static BigDecimal secondsPer(String unit) {
        return switch (unit) {
            case "ms" -> new BigDecimal("0.001");
            case "s" -> BigDecimal.ONE;
            case "m" -> BigDecimal.valueOf(60);
            case "h" -> BigDecimal.valueOf(3_600);
            case "d" -> BigDecimal.valueOf(86_400);
            default -> throw new IllegalArgumentException(unit);
        };
    }

    private static Duration ofSeconds(BigDecimal seconds, String original) {
        try {
            BigDecimal nanos = seconds.movePointRight(9);
            return Duration.ofSeconds(0, nanos.toBigInteger().longValueExact());
        } catch (ArithmeticException e) {
            throw new InvalidInputException("duration '" + original + "' is too long");
        }
    }
}
