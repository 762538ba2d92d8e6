package dev.freshet.engine.testing;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link FreshetEngineExtensionTest} on PostgreSQL. */
@OnPostgres
class FreshetEngineExtensionOnPostgresTest extends FreshetEngineExtensionTest {}
