package dev.freshet.engine.task;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link TimeoutTest} on PostgreSQL. */
@OnPostgres
class TimeoutOnPostgresTest extends TimeoutTest {}
