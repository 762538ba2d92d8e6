package dev.freshet.web;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link ClearedRunMetricsTest} on PostgreSQL: the runs ended since the meters' last look, read with its SQL. */
@OnPostgres
class ClearedRunMetricsOnPostgresTest extends ClearedRunMetricsTest {}
