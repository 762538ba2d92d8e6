package dev.freshet.web;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link WorkflowVersionsTest} on PostgreSQL. */
@OnPostgres
class WorkflowVersionsOnPostgresTest extends WorkflowVersionsTest {}
