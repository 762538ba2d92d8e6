package dev.freshet.cli;

import dev.freshet.engine.testdb.OnPostgres;

/**
 * {@link RunCancelledElsewhereTest} on PostgreSQL: the run process and the cancelling command on one PostgreSQL
 * database.
 */
@OnPostgres
class RunCancelledElsewhereOnPostgresTest extends RunCancelledElsewhereTest {}
