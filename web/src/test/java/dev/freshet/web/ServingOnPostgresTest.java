package dev.freshet.web;

import dev.freshet.engine.testdb.OnPostgres;

/**
 * {@link ServingTest} on PostgreSQL: scoring, the prediction ids and the registry's reads over the database a cluster
 * shares.
 */
@OnPostgres
class ServingOnPostgresTest extends ServingTest {}
