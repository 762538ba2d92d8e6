package dev.freshet.web;

import dev.freshet.engine.testdb.OnPostgres;

/**
 * {@link WineQualityServerTest} on PostgreSQL: the wine-quality workflow through the server, its model registered and
 * served from the database.
 */
@OnPostgres
class WineQualityServerOnPostgresTest extends WineQualityServerTest {}
