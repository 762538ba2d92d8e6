package dev.freshet.tasks;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link ParquetAsIsWorkflowTest} on PostgreSQL: the runs and their lineage in the other store. */
@OnPostgres
class ParquetAsIsWorkflowOnPostgresTest extends ParquetAsIsWorkflowTest {}
