package dev.freshet.engine.store;

import dev.freshet.engine.run.DatasetConsumption;
import dev.freshet.engine.run.DatasetEvent;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.Instant;
import java.util.List;

import static dev.freshet.engine.store.generated.Tables.DATASET_CONSUMPTIONS;
import static dev.freshet.engine.store.generated.Tables.DATASET_EVENTS;

/** Dataset events and the runs they started, for {@link JooqRunStore}. */
final class DatasetEventRows {
    private DatasetEventRows() {}

    static void record(DSLContext dsl, String dataset, String workflowId, String runId, String taskId, Instant at) {
        dsl.insertInto(
                        DATASET_EVENTS,
                        DATASET_EVENTS.DATASET,
                        DATASET_EVENTS.WORKFLOW_ID,
                        DATASET_EVENTS.RUN_ID,
                        DATASET_EVENTS.TASK_ID,
                        DATASET_EVENTS.CREATED_AT)
                .values(dataset, workflowId, runId, taskId, Times.db(at))
                .execute();
    }

    /** The caller holds the consuming workflow's lock, so no other claim of its runs runs at once. */
    static boolean claim(DSLContext dsl, String workflowId, List<Long> eventIds, String runId) {
        boolean taken = dsl.fetchExists(
                DATASET_CONSUMPTIONS,
                DATASET_CONSUMPTIONS.WORKFLOW_ID.eq(workflowId).and(DATASET_CONSUMPTIONS.EVENT_ID.in(eventIds)));
        if (taken) {
            return false;
        }
        var insert = dsl.insertInto(
                DATASET_CONSUMPTIONS,
                DATASET_CONSUMPTIONS.WORKFLOW_ID,
                DATASET_CONSUMPTIONS.EVENT_ID,
                DATASET_CONSUMPTIONS.RUN_ID);
        for (Long eventId : eventIds) {
            insert = insert.values(workflowId, eventId, runId);
        }
        insert.execute();
        return true;
    }

    static List<DatasetEvent> unconsumed(DSLContext dsl, String workflowId, String dataset, int limit) {
        return dsl.selectFrom(DATASET_EVENTS)
                .where(DATASET_EVENTS.DATASET.eq(dataset))
                .andNotExists(dsl.selectOne()
                        .from(DATASET_CONSUMPTIONS)
                        .where(DATASET_CONSUMPTIONS.WORKFLOW_ID.eq(workflowId))
                        .and(DATASET_CONSUMPTIONS.EVENT_ID.eq(DATASET_EVENTS.EVENT_ID)))
                .orderBy(DATASET_EVENTS.EVENT_ID)
                .limit(limit)
                .fetch(DatasetEventRows::event);
    }

    static List<DatasetConsumption> consumedBy(DSLContext dsl, String runId) {
        return consumptions(dsl, DATASET_CONSUMPTIONS.RUN_ID.eq(runId));
    }

    static List<DatasetConsumption> startedBy(DSLContext dsl, String producerRunId) {
        return consumptions(dsl, DATASET_EVENTS.RUN_ID.eq(producerRunId));
    }

    static List<DatasetEvent> eventsOf(DSLContext dsl, String runId) {
        return dsl.selectFrom(DATASET_EVENTS)
                .where(DATASET_EVENTS.RUN_ID.eq(runId))
                .orderBy(DATASET_EVENTS.EVENT_ID)
                .fetch(DatasetEventRows::event);
    }

    private static List<DatasetConsumption> consumptions(DSLContext dsl, Condition where) {
        return dsl.select()
                .from(DATASET_CONSUMPTIONS)
                .join(DATASET_EVENTS)
                .on(DATASET_EVENTS.EVENT_ID.eq(DATASET_CONSUMPTIONS.EVENT_ID))
                .where(where)
                .orderBy(DATASET_EVENTS.EVENT_ID, DATASET_CONSUMPTIONS.WORKFLOW_ID)
                .fetch(row -> new DatasetConsumption(
                        event(row), row.get(DATASET_CONSUMPTIONS.WORKFLOW_ID), row.get(DATASET_CONSUMPTIONS.RUN_ID)));
    }

    private static DatasetEvent event(Record row) {
        return new DatasetEvent(
                row.get(DATASET_EVENTS.EVENT_ID),
                row.get(DATASET_EVENTS.DATASET),
                row.get(DATASET_EVENTS.WORKFLOW_ID),
                row.get(DATASET_EVENTS.RUN_ID),
                row.get(DATASET_EVENTS.TASK_ID),
                Times.instant(row.get(DATASET_EVENTS.CREATED_AT)));
    }
}
