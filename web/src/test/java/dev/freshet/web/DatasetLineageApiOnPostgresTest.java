package dev.freshet.web;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link DatasetLineageApiTest} on PostgreSQL. */
@OnPostgres
class DatasetLineageApiOnPostgresTest extends DatasetLineageApiTest {}
