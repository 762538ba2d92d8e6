package dev.freshet.engine.scheduling;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link BackfillTest} on PostgreSQL. */
@OnPostgres
class BackfillOnPostgresTest extends BackfillTest {}
