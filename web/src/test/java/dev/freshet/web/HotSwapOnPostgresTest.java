package dev.freshet.web;

import dev.freshet.engine.testdb.OnPostgres;

/**
 * {@link HotSwapTest} on PostgreSQL: a promotion seen by the serving path (and by another process's engine) through the
 * shared database.
 */
@OnPostgres
class HotSwapOnPostgresTest extends HotSwapTest {}
