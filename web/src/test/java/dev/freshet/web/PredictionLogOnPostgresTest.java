package dev.freshet.web;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link PredictionLogTest} on PostgreSQL: predictions logged, labels joined and errors per version in its SQL. */
@OnPostgres
class PredictionLogOnPostgresTest extends PredictionLogTest {}
