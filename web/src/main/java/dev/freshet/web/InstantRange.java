package dev.freshet.web;

import dev.freshet.engine.error.InvalidInputException;

import java.time.Instant;

/**
 * The instants a request may name: the years 1 to 9999. ISO-8601 reaches years ±999,999,999, which PostgreSQL's
 * timestamps do not hold (it fails the query), so a date beyond these years is a 400 naming its field, not a 500.
 */
public final class InstantRange {
    public static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private InstantRange() {}

    /** The instant parsed from {@code text}, or a 400 naming {@code field} when it is outside the years 1 to 9999. */
    public static Instant check(String field, String text, Instant instant) {
        if (instant.isBefore(FIRST) || instant.isAfter(LAST)) {
            String shown = text.length() <= 40 ? text : text.substring(0, 37) + "...";
            throw new InvalidInputException(
                    field + ": '" + shown + "' is outside the dates this server takes, the years 1 to 9999");
        }
        return instant;
    }
}
