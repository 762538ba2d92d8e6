package dev.freshet.tasks;

import dev.freshet.engine.testdb.OnPostgres;

/**
 * {@link S3ArtifactPathTest} on PostgreSQL: as a cluster runs it, the artifacts' locations in the database the nodes
 * share and their content in the bucket.
 */
@OnPostgres
class S3ArtifactPathOnPostgresTest extends S3ArtifactPathTest {}
