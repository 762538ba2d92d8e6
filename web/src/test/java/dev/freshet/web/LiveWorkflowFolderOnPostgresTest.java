package dev.freshet.web;

import dev.freshet.engine.testdb.OnPostgres;

/**
 * {@link LiveWorkflowFolderTest} on PostgreSQL: the workflows folder's changes recorded as versions in the database and
 * seen by the REST API.
 */
@OnPostgres
class LiveWorkflowFolderOnPostgresTest extends LiveWorkflowFolderTest {}
