package dev.freshet.engine.scheduling;

import dev.freshet.engine.error.InvalidInputException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/** Dates and times people type: an instant or a date-time with an offset, else wall-clock time in a zone. */
public final class DateTimes {
    private DateTimes() {}

    /**
     * {@code 2026-01-31T06:00:00Z} or {@code 2026-01-31T07:00+01:00} as written; {@code 2026-01-31T06:00} in
     * {@code zone}; {@code 2026-01-31} as midnight in {@code zone}. {@code what} names the field in errors.
     */
    public static Instant parse(String text, ZoneId zone, String what) {
        String t = text == null ? "" : text.strip();
        try {
            return ZonedDateTime.parse(t).toInstant();
        } catch (DateTimeParseException notZoned) {
            try {
                return LocalDateTime.parse(t).atZone(zone).toInstant();
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(t).atStartOfDay(zone).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw new InvalidInputException(what + ": expected an ISO date such as 2026-01-31 or a date-time "
                            + "such as 2026-01-31T06:00:00Z, got '" + text + "'");
                }
            }
        }
    }

    /** A time-zone name such as {@code UTC} or {@code Europe/Berlin}. */
    public static ZoneId zone(String name, String what) {
        try {
            return ZoneId.of(name.strip());
        } catch (DateTimeException e) {
            throw new InvalidInputException(
                    what + ": unknown time zone '" + name + "'; use an IANA name such as UTC or Europe/Amsterdam");
        }
    }
}
