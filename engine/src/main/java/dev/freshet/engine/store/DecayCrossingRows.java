package dev.freshet.engine.store;

import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.Instant;

import static dev.freshet.engine.store.generated.Tables.DECAY_CROSSINGS;

/** The last crossing of each workflow's performance trigger, for {@link JooqRunStore}. */
final class DecayCrossingRows {
    private DecayCrossingRows() {}

    /** The caller holds the workflow's lock, so two engines cannot both claim one crossing. */
    static boolean claim(DSLContext dsl, String workflowId, String model, int version, Instant at) {
        Record row = dsl.select(DECAY_CROSSINGS.MODEL_NAME, DECAY_CROSSINGS.MODEL_VERSION, DECAY_CROSSINGS.CROSSED)
                .from(DECAY_CROSSINGS)
                .where(DECAY_CROSSINGS.WORKFLOW_ID.eq(workflowId))
                .forUpdate()
                .fetchOne();
        if (row == null) {
            dsl.insertInto(
                            DECAY_CROSSINGS,
                            DECAY_CROSSINGS.WORKFLOW_ID,
                            DECAY_CROSSINGS.MODEL_NAME,
                            DECAY_CROSSINGS.MODEL_VERSION,
                            DECAY_CROSSINGS.CROSSED,
                            DECAY_CROSSINGS.CHANGED_AT)
                    .values(workflowId, model, version, true, Times.db(at))
                    .execute();
            return true;
        }
        if (row.get(DECAY_CROSSINGS.CROSSED)
                && row.get(DECAY_CROSSINGS.MODEL_NAME).equals(model)
                && row.get(DECAY_CROSSINGS.MODEL_VERSION) == version) {
            return false;
        }
        dsl.update(DECAY_CROSSINGS)
                .set(DECAY_CROSSINGS.MODEL_NAME, model)
                .set(DECAY_CROSSINGS.MODEL_VERSION, version)
                .set(DECAY_CROSSINGS.CROSSED, true)
                .set(DECAY_CROSSINGS.CHANGED_AT, Times.db(at))
                .where(DECAY_CROSSINGS.WORKFLOW_ID.eq(workflowId))
                .execute();
        return true;
    }

    static boolean rearm(DSLContext dsl, String workflowId, String model, int version, Instant at) {
        return dsl.update(DECAY_CROSSINGS)
                        .set(DECAY_CROSSINGS.CROSSED, false)
                        .set(DECAY_CROSSINGS.CHANGED_AT, Times.db(at))
                        .where(DECAY_CROSSINGS.WORKFLOW_ID.eq(workflowId))
                        .and(DECAY_CROSSINGS.MODEL_NAME.eq(model))
                        .and(DECAY_CROSSINGS.MODEL_VERSION.eq(version))
                        .and(DECAY_CROSSINGS.CROSSED.isTrue())
                        .execute()
                == 1;
    }
}
