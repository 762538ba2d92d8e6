package dev.freshet.engine.store;

import dev.freshet.engine.run.RunStore;
import dev.freshet.engine.run.RunStoreContractTest;
import dev.freshet.engine.testdb.TestDatabase;
import dev.freshet.engine.testdb.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * The jOOQ store keeps the contract of every {@link RunStore}; one database for the class: H2 here, PostgreSQL in
 * {@link JooqRunStoreOnPostgresTest}.
 */
@ExtendWith(TestDatabases.class)
class JooqRunStoreTest extends RunStoreContractTest {
    @TempDir
    static Path home;

    private static Database database;
    private static long experimentId;

    @BeforeAll
    static void open(TestDatabase testDatabase) {
        database = Database.open(testDatabase.url(home), null, null, 4);
        experimentId = new JooqTrackingStore(database)
                .createExperiment("contract", Instant.now())
                .id();
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Override
    protected RunStore newStore() {
        return new JooqRunStore(database, Clock.systemUTC());
    }

    @Override
    protected long experimentId(RunStore store) {
        return experimentId;
    }
}
