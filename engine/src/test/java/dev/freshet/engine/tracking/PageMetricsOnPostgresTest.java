package dev.freshet.engine.tracking;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link PageMetricsTest} on PostgreSQL. */
@OnPostgres
class PageMetricsOnPostgresTest extends PageMetricsTest {}
