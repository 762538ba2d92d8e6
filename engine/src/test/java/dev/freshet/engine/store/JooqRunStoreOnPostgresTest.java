package dev.freshet.engine.store;

import dev.freshet.engine.testdb.OnPostgres;

/** The {@link dev.freshet.engine.run.RunStore} contract on the jOOQ store over PostgreSQL. */
@OnPostgres
class JooqRunStoreOnPostgresTest extends JooqRunStoreTest {}
