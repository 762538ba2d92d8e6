package dev.freshet.engine;

import dev.freshet.engine.testdb.OnPostgres;

/** {@link TriggerLimitsTest} on PostgreSQL: the largest and deepest conf allowed, and the widest workflow, stored. */
@OnPostgres
class TriggerLimitsOnPostgresTest extends TriggerLimitsTest {}
