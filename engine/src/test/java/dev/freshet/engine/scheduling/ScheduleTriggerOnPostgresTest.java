package dev.freshet.engine.scheduling;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link ScheduleTriggerTest} on PostgreSQL. */
@OnPostgres
class ScheduleTriggerOnPostgresTest extends ScheduleTriggerTest {}
