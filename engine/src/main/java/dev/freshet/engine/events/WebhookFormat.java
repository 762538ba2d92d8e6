package dev.freshet.engine.events;

import dev.freshet.engine.error.InvalidInputException;

import java.util.Locale;

/** The body a webhook receives: the event as JSON, or Slack's incoming-webhook message {@code {"text": …}}. */
public enum WebhookFormat {
    JSON,
    SLACK;

    public static WebhookFormat parse(String name, String where) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(where + ": '" + name + "' is not a webhook format (json or slack)");
        }
    }
}
