package dev.freshet.web;

import dev.freshet.engine.testdb.OnPostgres;

/**
 * {@link AirflowSpecContractTest} on PostgreSQL: the REST API's answers, valid against Airflow's published spec, over
 * the database a cluster shares.
 */
@OnPostgres
class AirflowSpecContractOnPostgresTest extends AirflowSpecContractTest {}
