package dev.freshet.engine.store;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link JooqPredictionStoreTest} on PostgreSQL. */
@OnPostgres
class JooqPredictionStoreOnPostgresTest extends JooqPredictionStoreTest {}
