package dev.freshet.tasks;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link ConcurrentPromotionTest} on PostgreSQL: registrations and the alias's compare-and-set under its locks. */
@OnPostgres
class ConcurrentPromotionOnPostgresTest extends ConcurrentPromotionTest {}
