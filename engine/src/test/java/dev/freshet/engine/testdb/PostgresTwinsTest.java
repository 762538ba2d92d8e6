package dev.freshet.engine.testdb;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every test class of this module that starts an engine on a database also runs on PostgreSQL, or says why not. */
class PostgresTwinsTest {
    @Test
    void everyTestClassOnTheDatabaseHasAPostgresTwinOrSaysWhyNot() {
        assertThat(PostgresTwins.missing(PostgresTwinsTest.class))
                .as("test classes without an @OnPostgres subclass or an @H2Only reason")
                .isEmpty();
    }
}
