package dev.freshet.web;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link RunsPageScaleTest} on PostgreSQL: the runs page's count and page queries over 100,000 runs there. */
@OnPostgres
class RunsPageScaleOnPostgresTest extends RunsPageScaleTest {}
