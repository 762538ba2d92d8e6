package dev.freshet.web.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** How the pages show dates, durations, numbers and links. */
final class Formats {
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private Formats() {}

    static String dateTime(Instant instant) {
        return instant == null ? "" : DATE_TIME.format(instant);
    }

    static String date(Instant instant) {
        return instant == null ? "" : DATE.format(instant);
    }

    /** From start to end, or to now while still running; empty before it started. */
    static String duration(Instant start, Instant end, Instant now) {
        if (start == null) {
            return "";
        }
        Duration d = Duration.between(start, end == null ? now : end);
        return d.isNegative() ? "" : duration(d);
    }

    static String duration(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < 1) {
            return d.toMillis() + "ms";
        }
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        if (seconds < 86_400) {
            return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, (seconds % 3600) / 60);
        }
        return String.format(Locale.ROOT, "%dd %02dh", seconds / 86_400, (seconds % 86_400) / 3600);
    }

    /** "in 3h 05m" or "5.0s ago". */
    static String relative(Instant instant, Instant now) {
        if (instant == null) {
            return "";
        }
        Duration d = Duration.between(now, instant);
        return d.isNegative() ? duration(d.negated()) + " ago" : "in " + duration(d);
    }

    /** Four significant digits ({@code 0.6250}), but a whole number as one ({@code 7}, {@code 753}). */
    static String number(Double value) {
        if (value == null) {
            return "";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf(value.longValue());
        }
        return String.format(Locale.ROOT, "%.4g", value);
    }

    private static final Pattern LONG_DECIMAL =
            Pattern.compile("(?<![\\w.])-?\\d+\\.\\d{6,}(?:[eE][-+]?\\d+)?(?![\\w.])");

    /** A text with every decimal of more than five places shortened to five significant digits ({@code 0.65432}). */
    static String shortDecimals(String text) {
        if (text == null) {
            return "";
        }
        return LONG_DECIMAL
                .matcher(text)
                .replaceAll(match -> String.format(Locale.ROOT, "%.5g", Double.parseDouble(match.group())));
    }

    private static final List<String> HEADLINE_METRICS = List.of("rmse", "mae", "r2");

    /** Metric names in the order pages show them: the usual regression metrics first, then by name. */
    static final Comparator<String> METRIC_ORDER = Comparator.comparingInt(
                    (String k) -> HEADLINE_METRICS.contains(k) ? HEADLINE_METRICS.indexOf(k) : 99)
            .thenComparing(k -> k);

    /** {@code rmse 0.8222 · mae 0.6279 · r2 0.1268}: the usual regression metrics first, at most {@code max}. */
    static String metrics(Map<String, Double> metrics, int max) {
        return metrics.keySet().stream()
                .sorted(METRIC_ORDER)
                .limit(max)
                .map(k -> k + " " + number(metrics.get(k)))
                .collect(Collectors.joining(" · "));
    }

    /** One URL path segment or query value, percent-encoded. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String runHref(String runId) {
        return "/runs/" + segment(runId);
    }
}
