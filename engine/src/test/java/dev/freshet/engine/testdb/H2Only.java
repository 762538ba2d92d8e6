package dev.freshet.engine.testdb;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class that starts an engine yet has no {@link OnPostgres} twin, and says why: {@link PostgresTwins}
 * accepts it then.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface H2Only {
    /** Why the class need not (or cannot) run on PostgreSQL too. */
    String value();
}
