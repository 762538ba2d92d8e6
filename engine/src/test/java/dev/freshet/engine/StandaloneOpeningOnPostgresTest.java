package dev.freshet.engine;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link StandaloneOpeningTest} on PostgreSQL. */
@OnPostgres
class StandaloneOpeningOnPostgresTest extends StandaloneOpeningTest {}
