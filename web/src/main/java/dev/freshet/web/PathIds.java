package dev.freshet.web;

import dev.freshet.engine.error.InvalidInputException;
import io.javalin.http.Context;

/**
 * Ids taken from a URL path. The engine turns run and task ids into file names, so an id that could leave its
 * folder ('/', '\', '..', control characters) is refused here, before anything touches the filesystem.
 */
public final class PathIds {
    private PathIds() {}

    public static String id(Context ctx, String param) {
        String value = ctx.pathParam(param);
        if (value.isEmpty()
                || value.contains("/")
                || value.contains("\\")
                || value.contains("..")
                || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(
                    param + ": '" + printable(value) + "' is not a valid id (no path separators or '..')");
        }
        LogContext.put(param, value);
        return value;
    }

    public static int positiveInt(Context ctx, String param) {
        String value = ctx.pathParam(param);
        try {
            int number = Integer.parseInt(value);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(param + ": expected a positive integer, got '" + printable(value) + "'");
    }

    private static String printable(String value) {
        String shown = value.chars()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return shown.length() <= 80 ? shown : shown.substring(0, 77) + "...";
    }
}
