package dev.freshet.web;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link RunOperationsApiTest} on PostgreSQL. */
@OnPostgres
class RunOperationsApiOnPostgresTest extends RunOperationsApiTest {}
