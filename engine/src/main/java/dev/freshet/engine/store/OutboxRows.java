package dev.freshet.engine.store;

import dev.freshet.engine.events.DeliveryStatus;
import dev.freshet.engine.events.Event;
import dev.freshet.engine.events.EventKind;
import dev.freshet.engine.events.EventSubject;
import dev.freshet.engine.events.StoredEvent;
import dev.freshet.engine.store.generated.tables.records.OutboxEventsRecord;
import org.jooq.DSLContext;

import static dev.freshet.engine.store.generated.Tables.OUTBOX_EVENTS;

/** Events as rows of {@code outbox_events}: written by whichever transaction reports the change. */
final class OutboxRows {
    private OutboxRows() {}

    static void insert(DSLContext dsl, Event event) {
        EventSubject subject = event.subject();
        dsl.insertInto(OUTBOX_EVENTS)
                .set(OUTBOX_EVENTS.EVENT_ID, event.id())
                .set(OUTBOX_EVENTS.KIND, event.kind().wireName())
                .set(OUTBOX_EVENTS.OCCURRED_AT, Times.db(event.time()))
                .set(OUTBOX_EVENTS.WORKFLOW_ID, subject.workflowId())
                .set(OUTBOX_EVENTS.RUN_ID, subject.runId())
                .set(OUTBOX_EVENTS.MODEL_NAME, subject.model())
                .set(OUTBOX_EVENTS.MODEL_VERSION, subject.version())
                .set(OUTBOX_EVENTS.PAYLOAD, Json.write(event.payload()))
                .set(OUTBOX_EVENTS.STATUS, DeliveryStatus.PENDING.wireName())
                .set(OUTBOX_EVENTS.ATTEMPTS, 0)
                .set(OUTBOX_EVENTS.NEXT_ATTEMPT_AT, Times.db(event.time()))
                .execute();
    }

    static StoredEvent toStored(OutboxEventsRecord row) {
        Event event = new Event(
                row.getEventId(),
                EventKind.fromWire(row.getKind()),
                Times.instant(row.getOccurredAt()),
                new EventSubject(row.getWorkflowId(), row.getRunId(), row.getModelName(), row.getModelVersion()),
                Json.read(row.getPayload()));
        return new StoredEvent(
                event,
                DeliveryStatus.fromWire(row.getStatus()),
                row.getAttempts(),
                Times.instant(row.getNextAttemptAt()),
                Times.instant(row.getDeliveredAt()),
                row.getLastError());
    }
}
