package dev.freshet.engine.events;

import java.util.Locale;

/** Where an event's delivery stands: waiting (or retrying), delivered, or given up on (a dead letter). */
public enum DeliveryStatus {
    PENDING,
    DELIVERED,
    DEAD;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryStatus fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
