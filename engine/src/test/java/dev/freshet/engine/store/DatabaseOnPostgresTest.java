package dev.freshet.engine.store;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link DatabaseTest} on PostgreSQL. */
@OnPostgres
class DatabaseOnPostgresTest extends DatabaseTest {}
