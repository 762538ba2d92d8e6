package dev.freshet.cli;

import dev.freshet.engine.testdb.OnPostgres;
import dev.freshet.engine.testdb.TestDatabase;
import dev.freshet.engine.testdb.TestDatabases;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Points a test class's {@code freshet} commands at its database: for a class marked {@link OnPostgres}, a command
 * with {@code --home H} ({@link CommandOutput#freshet}, or a process the test starts with {@link #args}) gets
 * {@code --db} naming H's database on the test PostgreSQL; on H2 nothing is added, the home has its own.
 */
final class CliDatabase implements BeforeAllCallback, AfterAllCallback {
    private static volatile TestDatabase postgres;

    @Override
    public void beforeAll(ExtensionContext context) {
        postgres = context.getRequiredTestClass().isAnnotationPresent(OnPostgres.class)
                ? TestDatabase.on(TestDatabases.server(context))
                : null;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        postgres = null;
    }

    /** {@code --db URL} for a command on {@code home}, or nothing on H2. */
    static List<String> args(Path home) {
        TestDatabase database = postgres;
        return database == null ? List.of() : List.of("--db", database.url(home));
    }

    /** {@code args} with {@code --db} added when they name a home and the class runs on PostgreSQL. */
    static String[] withDatabase(String... args) {
        List<String> list = Arrays.asList(args);
        int home = list.indexOf("--home");
        if (home < 0 || home + 1 >= args.length || list.contains("--db")) {
            return args;
        }
        List<String> more = new ArrayList<>(list);
        more.addAll(args(Path.of(args[home + 1])));
        return more.toArray(String[]::new);
    }
}
