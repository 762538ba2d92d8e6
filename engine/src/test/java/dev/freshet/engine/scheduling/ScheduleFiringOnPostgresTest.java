package dev.freshet.engine.scheduling;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link ScheduleFiringTest} on PostgreSQL. */
@OnPostgres
class ScheduleFiringOnPostgresTest extends ScheduleFiringTest {}
