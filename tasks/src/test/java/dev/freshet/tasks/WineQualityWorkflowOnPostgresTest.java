package dev.freshet.tasks;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link WineQualityWorkflowTest} on PostgreSQL. */
@OnPostgres
class WineQualityWorkflowOnPostgresTest extends WineQualityWorkflowTest {}
