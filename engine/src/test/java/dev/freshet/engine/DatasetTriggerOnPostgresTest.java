package dev.freshet.engine;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link DatasetTriggerTest} on PostgreSQL: dataset events claimed in the transaction that creates their run. */
@OnPostgres
class DatasetTriggerOnPostgresTest extends DatasetTriggerTest {}
