package dev.freshet.cli;

import dev.freshet.engine.testdb.OnPostgres;

/**
 * {@link ModelsCommandTest} on PostgreSQL: the commands read and move the registry on the database a cluster shares.
 */
@OnPostgres
class ModelsCommandOnPostgresTest extends ModelsCommandTest {}
