package dev.freshet.engine.scheduling;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link RunTimeoutsTest} on PostgreSQL. */
@OnPostgres
class RunTimeoutsOnPostgresTest extends RunTimeoutsTest {}
