package dev.freshet.engine.testdb;

import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The rule that keeps PostgreSQL a first-class store: every test class of a module that starts an engine through {@code
 * FreshetEngineExtension} or the web module's {@code FreshetServerExtension}, or takes its database from {@link
 * TestDatabases} (or the web module's {@code CliDatabase}), also runs on PostgreSQL — it has a subclass marked {@link
 * OnPostgres}, is such a subclass, is a PostgreSQL-only class (its name ends in {@code OnPostgresTest}), or says why
 * not with {@link H2Only}. Tests that start engines or servers by hand are not seen by it.
 */
public final class PostgresTwins {
    private static final Set<String> ENGINE_EXTENSIONS = Set.of("FreshetEngineExtension", "FreshetServerExtension");
    /** Extensions that hand a class its database: ours, and the web module's for its {@code freshet} commands. */
    private static final Set<String> DATABASE_EXTENSIONS = Set.of("TestDatabases", "CliDatabase");

    private PostgresTwins() {}

    /** The concrete test classes compiled beside {@code anchor} (a test class of the module) that break the rule. */
    public static List<String> missing(Class<?> anchor) {
        List<Class<?>> classes = testClasses(anchor);
        Set<Class<?>> twinned = classes.stream()
                .filter(c -> c.isAnnotationPresent(OnPostgres.class))
                .map(Class::getSuperclass)
                .collect(Collectors.toSet());
        return classes.stream()
                .filter(c -> !Modifier.isAbstract(c.getModifiers()) && !c.isInterface())
                .filter(PostgresTwins::touchesTheDatabase)
                .filter(c -> !twinned.contains(c)
                        && !c.isAnnotationPresent(OnPostgres.class)
                        && !c.isAnnotationPresent(H2Only.class)
                        && !c.getSimpleName().endsWith("OnPostgresTest"))
                .map(Class::getName)
                .sorted()
                .toList();
    }

    private static boolean touchesTheDatabase(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            boolean extension = Arrays.stream(c.getDeclaredFields())
                    .filter(f -> Modifier.isStatic(f.getModifiers()))
                    .map(Field::getType)
                    .anyMatch(t -> ENGINE_EXTENSIONS.contains(t.getSimpleName()));
            ExtendWith extendWith = c.getDeclaredAnnotation(ExtendWith.class);
            boolean databases = extendWith != null
                    && Arrays.stream(extendWith.value()).anyMatch(e -> DATABASE_EXTENSIONS.contains(e.getSimpleName()));
            if (extension || databases) {
                return true;
            }
        }
        return false;
    }

    private static List<Class<?>> testClasses(Class<?> anchor) {
        Path root;
        try {
            root = Path.of(
                    anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot find the test classes of " + anchor.getName(), e);
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(root::relativize)
                    .map(Path::toString)
                    .filter(name -> name.endsWith("Test.class") && !name.contains("$"))
                    .map(name -> name.substring(0, name.length() - ".class".length())
                            .replace(root.getFileSystem().getSeparator(), "."))
                    .<Class<?>>map(name -> load(name, anchor.getClassLoader()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot load test class " + name, e);
        }
    }
}
