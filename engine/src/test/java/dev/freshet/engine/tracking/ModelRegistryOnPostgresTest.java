package dev.freshet.engine.tracking;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link ModelRegistryTest} on PostgreSQL, where compare-and-set and row locks are the server's, not H2's. */
@OnPostgres
class ModelRegistryOnPostgresTest extends ModelRegistryTest {}
