package dev.freshet.engine.store;

import dev.freshet.engine.testdb.OnPostgres;

/** The outbox and its delivery on PostgreSQL. */
@OnPostgres
class OutboxDeliveryOnPostgresTest extends OutboxDeliveryTest {}
