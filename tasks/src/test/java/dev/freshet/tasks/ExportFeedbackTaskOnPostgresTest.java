package dev.freshet.tasks;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link ExportFeedbackTaskTest} on PostgreSQL: the labelled predictions read with its SQL. */
@OnPostgres
class ExportFeedbackTaskOnPostgresTest extends ExportFeedbackTaskTest {}
