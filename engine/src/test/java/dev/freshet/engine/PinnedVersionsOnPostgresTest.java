package dev.freshet.engine;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link PinnedVersionsTest} on PostgreSQL, the database nodes of a cluster share. */
@OnPostgres
class PinnedVersionsOnPostgresTest extends PinnedVersionsTest {}
