package dev.freshet.engine.store;

import dev.freshet.engine.run.TaskLogChunk;
import dev.freshet.engine.run.TaskLogStore;
import dev.freshet.engine.run.TryKey;
import org.jooq.BatchBindStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.util.List;

import static dev.freshet.engine.store.generated.Tables.TASK_LOGS;

/** Tries' logs as shipped chunks in our table, through jOOQ. */
public final class JooqTaskLogStore implements TaskLogStore {
    private final DSLContext dsl;

    public JooqTaskLogStore(Database database) {
        this.dsl = database.dsl();
    }

    /**
     * One statement, bound once per chunk and sent as a JDBC batch: a single multi-row insert grows with the chunks a
     * busy node ships in one go, and jOOQ writes H2's "ignore duplicates" as a MERGE over a UNION of one SELECT per row,
     * which past a few thousand rows overflowed H2's parser stack (and the shipper kept the chunks to retry).
     */
    @Override
    public void append(List<TaskLogChunk> chunks) {
        if (chunks.isEmpty()) {
            return;
        }
        dsl.transaction(cfg -> {
            DSLContext tx = DSL.using(cfg);
            BatchBindStep batch = tx.batch(tx.insertInto(
                            TASK_LOGS,
                            TASK_LOGS.RUN_ID,
                            TASK_LOGS.TASK_ID,
                            TASK_LOGS.TRY_NUMBER,
                            TASK_LOGS.BYTE_OFFSET,
                            TASK_LOGS.BYTE_LENGTH,
                            TASK_LOGS.CONTENT)
                    .values((String) null, null, null, null, null, null)
                    .onDuplicateKeyIgnore());
            for (TaskLogChunk chunk : chunks) {
                batch = batch.bind(
                        chunk.key().runId(),
                        chunk.key().taskId(),
                        chunk.key().tryNumber(),
                        chunk.offset(),
                        chunk.byteLength(),
                        chunk.text());
            }
            batch.execute();
        });
    }

    @Override
    public List<TaskLogChunk> chunks(TryKey key, long from) {
        return dsl.select(TASK_LOGS.BYTE_OFFSET, TASK_LOGS.CONTENT)
                .from(TASK_LOGS)
                .where(
                        of(key),
                        TASK_LOGS.BYTE_OFFSET.plus(TASK_LOGS.BYTE_LENGTH).gt(from))
                .orderBy(TASK_LOGS.BYTE_OFFSET)
                .fetch(r -> new TaskLogChunk(key, r.value1(), r.value2()));
    }

    @Override
    public long length(TryKey key) {
        Long end = dsl.select(DSL.max(TASK_LOGS.BYTE_OFFSET.plus(TASK_LOGS.BYTE_LENGTH)))
                .from(TASK_LOGS)
                .where(of(key))
                .fetchOne(0, Long.class);
        return end == null ? -1 : end;
    }

    private static Condition of(TryKey key) {
        return TASK_LOGS
                .RUN_ID
                .eq(key.runId())
                .and(TASK_LOGS.TASK_ID.eq(key.taskId()))
                .and(TASK_LOGS.TRY_NUMBER.eq(key.tryNumber()));
    }
}
