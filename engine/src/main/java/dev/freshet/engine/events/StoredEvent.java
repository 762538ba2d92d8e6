package dev.freshet.engine.events;

import java.time.Instant;

/** An event with its delivery so far: attempts made, when the next is due, and the last failure (null: none). */
public record StoredEvent(
        Event event,
        DeliveryStatus status,
        int attempts,
        Instant nextAttemptAt,
        Instant deliveredAt,
        String lastError) {}
