package dev.freshet.engine.run;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link StaleDeliveryTest} on PostgreSQL, whose row locks fence the deliveries there. */
@OnPostgres
class StaleDeliveryOnPostgresTest extends StaleDeliveryTest {}
