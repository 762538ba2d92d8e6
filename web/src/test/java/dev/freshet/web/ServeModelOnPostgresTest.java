package dev.freshet.web;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link ServeModelTest} on PostgreSQL: the served model resolved from the registry in the database. */
@OnPostgres
class ServeModelOnPostgresTest extends ServeModelTest {}
