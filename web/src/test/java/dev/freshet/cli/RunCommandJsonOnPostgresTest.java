package dev.freshet.cli;

import dev.freshet.engine.testdb.OnPostgres;

/**
 * {@link RunCommandJsonTest} on PostgreSQL: {@code freshet run}'s JSON and the registry it fills on the database a
 * cluster shares.
 */
@OnPostgres
class RunCommandJsonOnPostgresTest extends RunCommandJsonTest {}
