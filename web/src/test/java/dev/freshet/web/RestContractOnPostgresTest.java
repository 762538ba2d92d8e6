package dev.freshet.web;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link RestContractTest} on PostgreSQL: the REST API's shapes and errors over the database a cluster shares. */
@OnPostgres
class RestContractOnPostgresTest extends RestContractTest {}
