package dev.freshet.web;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link EventsApiTest} on PostgreSQL: the outbox and its counts read with its SQL. */
@OnPostgres
class EventsApiOnPostgresTest extends EventsApiTest {}
