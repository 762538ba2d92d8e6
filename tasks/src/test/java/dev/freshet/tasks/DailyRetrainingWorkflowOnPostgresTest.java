package dev.freshet.tasks;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link DailyRetrainingWorkflowTest} on PostgreSQL. */
@OnPostgres
class DailyRetrainingWorkflowOnPostgresTest extends DailyRetrainingWorkflowTest {}
