package dev.freshet.cli;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link CliTest} on PostgreSQL: {@code freshet run}, experiments and runs on the database a cluster shares. */
@OnPostgres
class CliOnPostgresTest extends CliTest {}
