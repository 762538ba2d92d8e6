package dev.freshet.engine.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outbox (implemented in engine.store). Events are appended inside the transaction of the change they report
 * (see RunTransaction and TrackingStore); this port appends on its own and drives their delivery.
 */
public interface EventStore {

    /** Appends in a transaction of its own: for a change that has none to share. */
    void append(Event event);

    /**
     * Leases up to {@code limit} due pending events to {@code owner} until {@code leaseUntil}, oldest first. An event
     * leased to another owner whose lease has not run out is not due: two delivery loops never hold the same event.
     */
    List<StoredEvent> claimDue(String owner, Instant now, Instant leaseUntil, int limit);

    /** Records a delivery, if {@code owner} still holds the lease; false otherwise. */
    boolean delivered(String eventId, String owner, int attempts, Instant at);

    /** Records a failed attempt and when to try again, releasing the lease. */
    boolean retryLater(String eventId, String owner, int attempts, Instant nextAttemptAt, String error);

    /** Records the last failed attempt: the event becomes a dead letter. */
    boolean giveUp(String eventId, String owner, int attempts, String error);

    /** The latest events, newest first, optionally of one status. */
    List<StoredEvent> latest(Optional<DeliveryStatus> status, int limit);

    /** How many events are in each status (every status is a key). */
    Map<DeliveryStatus, Long> countByStatus();
}
