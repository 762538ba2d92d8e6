package dev.freshet.engine.scheduling;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link CatchUpTest} on PostgreSQL. */
@OnPostgres
class CatchUpOnPostgresTest extends CatchUpTest {}
