package dev.freshet.web;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link RestApiTest} on PostgreSQL: the REST API over the engine's SQL on the database a cluster shares. */
@OnPostgres
class RestApiOnPostgresTest extends RestApiTest {}
