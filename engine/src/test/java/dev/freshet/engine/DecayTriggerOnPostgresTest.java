package dev.freshet.engine;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link DecayTriggerTest} on PostgreSQL: the crossing, its run and its outbox event written in one transaction. */
@OnPostgres
class DecayTriggerOnPostgresTest extends DecayTriggerTest {}
