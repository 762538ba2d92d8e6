package dev.freshet.engine.store;

import dev.freshet.engine.run.TaskLogChunk;
import dev.freshet.engine.run.TryKey;
import dev.freshet.engine.testdb.TestDatabase;
import dev.freshet.engine.testdb.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Shipped log chunks in the database: H2 here, PostgreSQL in {@link JooqTaskLogStoreOnPostgresTest}. */
@ExtendWith(TestDatabases.class)
class JooqTaskLogStoreTest {
    @TempDir
    static Path home;

    private static Database database;
    private static JooqTaskLogStore store;

    @BeforeAll
    static void open(TestDatabase given) {
        database = Database.open(given.url(home), null, null, 4);
        store = new JooqTaskLogStore(database);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    /** A busy node ships the lines of a thousand tries at once; one statement of them all overflowed H2's stack. */
    @Test
    void aShipmentOfTenThousandChunksLandsWholeAndASecondSendingAddsNothing() {
        List<TaskLogChunk> chunks = new ArrayList<>();
        for (int t = 0; t < 1_000; t++) {
            TryKey key = new TryKey("busy-run", "task-" + t, 1);
            for (int c = 0; c < 10; c++) {
                chunks.add(new TaskLogChunk(key, 6L * c, "line" + c + "\n"));
            }
        }
        store.append(chunks);
        store.append(chunks.subList(0, 500)); // a shipment retried after its commit was not heard of

        TryKey last = new TryKey("busy-run", "task-999", 1);
        assertThat(store.chunks(last, 0))
                .extracting(TaskLogChunk::text)
                .hasSize(10)
                .startsWith("line0\n");
        assertThat(store.length(last)).isEqualTo(60);
        assertThat(store.chunks(new TryKey("busy-run", "task-0", 1), 0)).hasSize(10);
    }
}
