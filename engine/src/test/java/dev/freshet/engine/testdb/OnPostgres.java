package dev.freshet.engine.testdb;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated test class on fresh databases of the test PostgreSQL: put it on a subclass of a test class that
 * uses {@link TestDatabases}, and the subclass runs every inherited test there. Not inherited, so the base stays on H2.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface OnPostgres {}
