package dev.freshet.cli;

import dev.freshet.engine.testdb.OnPostgres;

/**
 * {@link TasksCommandTest} on PostgreSQL: the commands clear, mark and list a run's tasks on the database a cluster
 * shares.
 */
@OnPostgres
class TasksCommandOnPostgresTest extends TasksCommandTest {}
