package dev.freshet.engine;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link EngineRunTest} on PostgreSQL: Quartz's JDBC store with its PostgreSQL delegate, our tables with its SQL. */
@OnPostgres
class EngineRunOnPostgresTest extends EngineRunTest {}
