package dev.freshet.engine.store;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link JooqTaskLogStoreTest} on PostgreSQL. */
@OnPostgres
class JooqTaskLogStoreOnPostgresTest extends JooqTaskLogStoreTest {}
