package dev.freshet.web;

import dev.freshet.engine.testdb.OnPostgres;

/**
 * {@link ServingDefaultsTest} on PostgreSQL: the served model resolved through the registry's aliases in the database.
 */
@OnPostgres
class ServingDefaultsOnPostgresTest extends ServingDefaultsTest {}
