package dev.freshet.cli;

import dev.freshet.engine.testdb.OnPostgres;

/**
 * {@link BackfillCommandTest} on PostgreSQL: each logical date's run is found, or made once, on the database a cluster
 * shares.
 */
@OnPostgres
class BackfillCommandOnPostgresTest extends BackfillCommandTest {}
