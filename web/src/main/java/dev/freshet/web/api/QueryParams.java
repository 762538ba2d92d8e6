package dev.freshet.web.api;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.web.InstantRange;
import io.javalin.http.Context;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query parameters of a list route: every parameter is either understood or a 400 that names it, so a filter a
 * client believes it applied is never silently dropped.
 */
final class QueryParams {
    private final Context ctx;

    private QueryParams(Context ctx) {
        this.ctx = ctx;
    }

    /**
     * The route's parameters, after checking that each given one is in {@code known}; one of Airflow's that Freshet
     * does not implement ({@code unsupported}, with the reason) or any other is a 400 naming it.
     */
    static QueryParams of(Context ctx, Set<String> known, Map<String, String> unsupported) {
        for (String name : new TreeSet<>(ctx.queryParamMap().keySet())) {
            if (unsupported.containsKey(name)) {
                throw new InvalidInputException(
                        name + ": not supported by this server (" + unsupported.get(name) + ")");
            }
            if (!known.contains(name)) {
                throw new InvalidInputException(
                        shorten(name) + ": unknown query parameter; this route takes " + new TreeSet<>(known));
            }
        }
        return new QueryParams(ctx);
    }

    /** All values of a parameter that may be repeated; blank values are dropped. */
    List<String> all(String name) {
        return ctx.queryParams(name).stream()
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .toList();
    }

    Optional<String> text(String name) {
        List<String> values = all(name);
        if (values.size() > 1) {
            throw new InvalidInputException(name + ": give it once, got " + values.size() + " values");
        }
        return values.stream().findFirst();
    }

    Optional<Boolean> bool(String name) {
        return text(name).map(value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new InvalidInputException(name + ": expected true or false, got '" + shorten(value) + "'");
        });
    }

    /**
     * An ISO-8601 date-time as Airflow takes it: with an offset ({@code 2024-05-01T00:00:00+02:00}, where a
     * {@code +} sent unencoded arrives as a space), without one (UTC), or a date alone (its midnight, UTC).
     */
    Instant instant(String name) {
        Optional<String> given = text(name);
        if (given.isEmpty()) {
            return null;
        }
        return InstantRange.check(name, given.get(), parseInstant(name, given.get()));
    }

    private static Instant parseInstant(String name, String given) {
        String value = given.replace(' ', '+');
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw new InvalidInputException(name + ": '" + shorten(given)
                            + "' is not an ISO-8601 date or date-time, e.g. 2024-05-01 or 2024-05-01T00:00:00Z");
                }
            }
        }
    }

    static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
