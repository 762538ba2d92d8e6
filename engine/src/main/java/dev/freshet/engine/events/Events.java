package dev.freshet.engine.events;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The outbox as the rest of the engine and the web see it: events raised on their own, and what became of them. */
public final class Events {
    private final EventStore store;
    private final Clock clock;

    public Events(EventStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Records that a served model decayed, in a transaction of its own; returns the event written. */
    public Event decayDetected(DecayDetected decay) {
        Event event = decay.toEvent(clock.instant());
        store.append(event);
        return event;
    }

    /** The latest events, newest first, of one status or all. */
    public List<StoredEvent> latest(Optional<DeliveryStatus> status, int limit) {
        return store.latest(status, limit);
    }

    public Map<DeliveryStatus, Long> countByStatus() {
        return store.countByStatus();
    }
}
