package dev.freshet.engine.trigger;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link FileTriggerTest} on PostgreSQL. */
@OnPostgres
class FileTriggerOnPostgresTest extends FileTriggerTest {}
