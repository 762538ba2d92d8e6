package dev.freshet.engine;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link EngineEventsTest} on PostgreSQL: the outbox written with the change, delivered once across engines. */
@OnPostgres
class EngineEventsOnPostgresTest extends EngineEventsTest {}
