package dev.freshet.engine.store;

import org.jooq.DSLContext;

import static dev.freshet.engine.store.generated.Tables.RUN_PARAMS;

/** A run's params: written when the run is triggered, and by tasks that log the params they used. */
final class RunParams {
    private RunParams() {}

    static void put(DSLContext dsl, String runId, String key, String value) {
        dsl.insertInto(RUN_PARAMS, RUN_PARAMS.RUN_ID, RUN_PARAMS.PARAM_KEY, RUN_PARAMS.PARAM_VALUE)
                .values(runId, key, value)
                .onDuplicateKeyUpdate()
                .set(RUN_PARAMS.PARAM_VALUE, value)
                .execute();
    }
}
