package dev.freshet.web;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link CrossProcessMetricsTest} on PostgreSQL: the cancelling process and the server share one database. */
@OnPostgres
class CrossProcessMetricsOnPostgresTest extends CrossProcessMetricsTest {}
