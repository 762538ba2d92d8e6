package dev.freshet.engine.testdb;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands a test class its {@link TestDatabase} as a parameter (of a {@code @BeforeAll} method, say): H2, or — for a
 * class marked {@link OnPostgres} — fresh databases on the one PostgreSQL server this JVM shares (kept in the root
 * context's store: started on first use, stopped when the test plan ends). An {@link EmbeddedPostgresServer}
 * parameter gets that server itself.
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
        boolean postgres = context.getRequiredTestClass().isAnnotationPresent(OnPostgres.class);
        return postgres ? TestDatabase.on(server(context)) : TestDatabase.h2();
    }

    /** The JVM's PostgreSQL server. */
    public static EmbeddedPostgresServer server(ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        EmbeddedPostgresServer.class,
                        key -> EmbeddedPostgresServer.start(),
                        EmbeddedPostgresServer.class);
    }
}
