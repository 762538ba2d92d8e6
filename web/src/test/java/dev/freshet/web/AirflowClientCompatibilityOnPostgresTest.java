package dev.freshet.web;

import dev.freshet.engine.testdb.OnPostgres;

/**
 * {@link AirflowClientCompatibilityTest} on PostgreSQL: Airflow's own client against the REST API over the database a
 * cluster shares.
 */
@OnPostgres
class AirflowClientCompatibilityOnPostgresTest extends AirflowClientCompatibilityTest {}
