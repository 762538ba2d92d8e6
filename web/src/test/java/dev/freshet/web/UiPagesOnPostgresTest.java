package dev.freshet.web;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link UiPagesTest} on PostgreSQL: the UI's pages over the engine's queries on the database a cluster shares. */
@OnPostgres
class UiPagesOnPostgresTest extends UiPagesTest {}
