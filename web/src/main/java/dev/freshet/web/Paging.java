package dev.freshet.web;

import dev.freshet.engine.error.InvalidInputException;
import io.javalin.http.Context;

import java.util.List;

/** {@code ?limit=&offset=} as Airflow takes them: limit 1..{@value #MAX_LIMIT} (default 100), offset >= 0. */
public record Paging(int limit, int offset) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public static Paging from(Context ctx) {
        int limit = intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        return new Paging(limit, offset);
    }

    /** This page of a list that is already in memory, in its order; empty past the end. */
    public <T> List<T> of(List<T> all) {
        if (offset >= all.size()) {
            return List.of();
        }
        return all.subList(offset, (int) Math.min(all.size(), (long) offset + limit));
    }

    /** An integer query parameter within [min, max]; the default when absent or empty. */
    public static int intParam(Context ctx, String name, int defaultValue, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        String range = max == Integer.MAX_VALUE ? "an integer >= " + min : "an integer within " + min + ".." + max;
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        String shown = raw.length() <= 40 ? raw : raw.substring(0, 37) + "...";
        throw new InvalidInputException(name + ": expected " + range + ", got '" + shown + "'");
    }
}
