package dev.freshet.engine.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One thing that happened, as the outbox keeps it and webhooks receive it. The id is the idempotency key: every
 * delivery of the event carries it, so a receiver that sees it twice can tell.
 */
public record Event(String id, EventKind kind, Instant time, EventSubject subject, Map<String, Object> payload) {
    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(subject, "subject");
        payload = Collections.unmodifiableMap(new LinkedHashMap<>(payload));
        time = time.truncatedTo(ChronoUnit.MICROS);
    }

    /** A new event with a random id. */
    public static Event create(EventKind kind, Instant time, EventSubject subject, Map<String, Object> payload) {
        return new Event(UUID.randomUUID().toString(), kind, time, subject, payload);
    }
}
