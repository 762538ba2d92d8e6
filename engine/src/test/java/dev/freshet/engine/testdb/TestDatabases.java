package dev.freshet.engine.testdb;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands a test class its {@link TestDatabase} as a parameter (of a {@code @BeforeAll} method, say): H2, or — for a
 * class marked {@link OnPostgres} — a database of its own on the one PostgreSQL server this JVM shares, started on first
 * use and stopped when the test plan ends. An {@link EmbeddedPostgresServer} parameter gets that server itself.
 */
public final class TestDatabases implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestDatabases.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestDatabase.class || type == EmbeddedPostgresServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == EmbeddedPostgresServer.class) {
            return server(context);
        }
        Class<?> testClass = context.getRequiredTestClass();
        if (!testClass.isAnnotationPresent(OnPostgres.class)) {
            return TestDatabase.h2();
        }
        ExtensionContext classContext = classContext(context);
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(TestDatabase.class,
                key -> TestDatabase.postgres(server(context).createDatabase(testClass.getSimpleName())),
                TestDatabase.class);
    }

    /** The JVM's PostgreSQL server, for a test that needs more than its class's database. */
    public static EmbeddedPostgresServer server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(EmbeddedPostgresServer.class,
                key -> EmbeddedPostgresServer.start(), EmbeddedPostgresServer.class);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }
}
