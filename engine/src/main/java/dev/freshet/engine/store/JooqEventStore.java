package dev.freshet.engine.store;

import dev.freshet.engine.events.DeliveryStatus;
import dev.freshet.engine.events.Event;
import dev.freshet.engine.events.EventStore;
import dev.freshet.engine.events.StoredEvent;
import dev.freshet.engine.store.generated.tables.records.OutboxEventsRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.freshet.engine.store.generated.Tables.OUTBOX_EVENTS;

/** The outbox in {@code outbox_events}, through jOOQ. */
public final class JooqEventStore implements EventStore {
    private static final int MAX_ERROR_LENGTH = 2000;

    private final DSLContext dsl;

    public JooqEventStore(Database database) {
        this.dsl = database.dsl();
    }

    @Override
    public void append(Event event) {
        OutboxRows.insert(dsl, event);
    }

    /**
     * Selects the due rows with {@code FOR UPDATE SKIP LOCKED} and leases them in the same transaction: a second loop
     * claiming at once skips the rows this one locked, and once this commits the lease keeps them out of its query.
     */
    @Override
    public List<StoredEvent> claimDue(String owner, Instant now, Instant leaseUntil, int limit) {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            List<Long> due = tx.select(OUTBOX_EVENTS.SEQ)
                    .from(OUTBOX_EVENTS)
                    .where(OUTBOX_EVENTS.STATUS.eq(DeliveryStatus.PENDING.wireName()))
                    .and(OUTBOX_EVENTS.NEXT_ATTEMPT_AT.le(Times.db(now)))
                    .and(OUTBOX_EVENTS.LEASE_UNTIL.isNull().or(OUTBOX_EVENTS.LEASE_UNTIL.lt(Times.db(now))))
                    .orderBy(OUTBOX_EVENTS.SEQ)
                    .limit(limit)
                    .forUpdate()
                    .skipLocked()
                    .fetch(OUTBOX_EVENTS.SEQ);
            if (due.isEmpty()) {
                return List.of();
            }
            tx.update(OUTBOX_EVENTS)
                    .set(OUTBOX_EVENTS.LEASE_OWNER, owner)
                    .set(OUTBOX_EVENTS.LEASE_UNTIL, Times.db(leaseUntil))
                    .where(OUTBOX_EVENTS.SEQ.in(due))
                    .execute();
            return tx.selectFrom(OUTBOX_EVENTS)
                    .where(OUTBOX_EVENTS.SEQ.in(due))
                    .orderBy(OUTBOX_EVENTS.SEQ)
                    .fetch(OutboxRows::toStored);
        });
    }

    @Override
    public boolean delivered(String eventId, String owner, int attempts, Instant at) {
        return dsl.update(OUTBOX_EVENTS)
                        .set(OUTBOX_EVENTS.STATUS, DeliveryStatus.DELIVERED.wireName())
                        .set(OUTBOX_EVENTS.ATTEMPTS, attempts)
                        .set(OUTBOX_EVENTS.DELIVERED_AT, Times.db(at))
                        .setNull(OUTBOX_EVENTS.LEASE_OWNER)
                        .setNull(OUTBOX_EVENTS.LEASE_UNTIL)
                        .where(heldBy(eventId, owner))
                        .execute()
                == 1;
    }

    @Override
    public boolean retryLater(String eventId, String owner, int attempts, Instant nextAttemptAt, String error) {
        return dsl.update(OUTBOX_EVENTS)
                        .set(OUTBOX_EVENTS.ATTEMPTS, attempts)
                        .set(OUTBOX_EVENTS.NEXT_ATTEMPT_AT, Times.db(nextAttemptAt))
                        .set(OUTBOX_EVENTS.LAST_ERROR, truncate(error))
                        .setNull(OUTBOX_EVENTS.LEASE_OWNER)
                        .setNull(OUTBOX_EVENTS.LEASE_UNTIL)
                        .where(heldBy(eventId, owner))
                        .execute()
                == 1;
    }

    @Override
    public boolean giveUp(String eventId, String owner, int attempts, String error) {
        return dsl.update(OUTBOX_EVENTS)
                        .set(OUTBOX_EVENTS.STATUS, DeliveryStatus.DEAD.wireName())
                        .set(OUTBOX_EVENTS.ATTEMPTS, attempts)
                        .set(OUTBOX_EVENTS.LAST_ERROR, truncate(error))
                        .setNull(OUTBOX_EVENTS.LEASE_OWNER)
                        .setNull(OUTBOX_EVENTS.LEASE_UNTIL)
                        .where(heldBy(eventId, owner))
                        .execute()
                == 1;
    }

    private static Condition heldBy(String eventId, String owner) {
        return OUTBOX_EVENTS.EVENT_ID.eq(eventId).and(OUTBOX_EVENTS.LEASE_OWNER.eq(owner));
    }

    @Override
    public List<StoredEvent> latest(Optional<DeliveryStatus> status, int limit) {
        Condition where = status.map(s -> OUTBOX_EVENTS.STATUS.eq(s.wireName())).orElse(DSL.noCondition());
        return dsl.selectFrom(OUTBOX_EVENTS)
                .where(where)
                .orderBy(OUTBOX_EVENTS.SEQ.desc())
                .limit(limit)
                .fetch(JooqEventStore::toStored);
    }

    private static StoredEvent toStored(OutboxEventsRecord row) {
        return OutboxRows.toStored(row);
    }

    @Override
    public Map<DeliveryStatus, Long> countByStatus() {
        Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
        for (DeliveryStatus status : DeliveryStatus.values()) {
            counts.put(status, 0L);
        }
        dsl.select(OUTBOX_EVENTS.STATUS, DSL.count())
                .from(OUTBOX_EVENTS)
                .groupBy(OUTBOX_EVENTS.STATUS)
                .forEach(r -> counts.put(
                        DeliveryStatus.fromWire(r.value1()), r.value2().longValue()));
        return counts;
    }

    private static String truncate(String error) {
        return error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }
}
