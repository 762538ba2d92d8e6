package dev.freshet.tasks;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link FileTriggeredIngestTest} on PostgreSQL. */
@OnPostgres
class FileTriggeredIngestOnPostgresTest extends FileTriggeredIngestTest {}
