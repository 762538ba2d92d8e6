package dev.freshet.engine;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link ShellTaskSafetyTest} on PostgreSQL: a command sees none of the server's secrets, the database's included. */
@OnPostgres
class ShellTaskSafetyOnPostgresTest extends ShellTaskSafetyTest {}
