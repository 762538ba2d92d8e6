package dev.freshet.engine;

import dev.freshet.engine.testdb.OnPostgres;

/**
 * {@link CrashRecoveryTest} on PostgreSQL: the killed engine's connections die with it, and Quartz's recovery of its
 * jobs and our tables' record of its tries meet on the server.
 */
@OnPostgres
class CrashRecoveryOnPostgresTest extends CrashRecoveryTest {}
