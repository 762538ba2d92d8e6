package dev.freshet.engine.testing;

import dev.freshet.engine.Engine;
import dev.freshet.engine.EngineConfig;
import dev.freshet.engine.testdb.OnPostgres;
import dev.freshet.engine.testdb.TestDatabase;
import dev.freshet.engine.testdb.TestDatabases;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One engine per test class on a fresh home folder (a temporary directory, deleted afterwards), with the workflow
 * files the test names. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final FreshetEngineExtension freshet = FreshetEngineExtension.builder()
 *         .workflow("quick.yaml", QUICK)
 *         .build();
 * }</pre>
 *
 * The engine starts before the class's {@code @BeforeAll} methods and closes after its {@code @AfterAll} methods;
 * test and lifecycle methods may also take the {@link Engine} as a parameter. It runs on H2 in the home, or — when the
 * test class being run is marked {@link OnPostgres} — on a fresh database of the test PostgreSQL, so that a one-line
 * {@code @OnPostgres} subclass reruns a test class there. The extension's static field (and any other static state
 * of the class) is shared by the class and such a subclass: they run one after the other, each on its own engine.
 */
public final class FreshetEngineExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    /** Work on the home folder before the engine starts on it (seeding its database, copying data). */
    @FunctionalInterface
    public interface HomeSetup {
        void prepare(Path home) throws Exception;
    }

    private final Map<String, Function<Path, String>> workflows;
    private final List<HomeSetup> beforeStart;
    private final Function<EngineConfig, EngineConfig> configure;
    private final boolean standalone;
    private Path home;
    private TestDatabase database;
    private Engine engine;

    private FreshetEngineExtension(Builder builder) {
        this.workflows = Map.copyOf(builder.workflows);
        this.beforeStart = List.copyOf(builder.beforeStart);
        this.configure = builder.configure;
        this.standalone = builder.standalone;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The running engine; only between the class's start and end. */
    public Engine engine() {
        if (engine == null) {
            throw new IllegalStateException(
                    "the engine runs only while the test class does;" + " register the extension on a static field");
        }
        return engine;
    }

    /** The home folder: {@code workflows/} holds the workflow files, {@code state/} the engine's database. */
    public Path home() {
        if (home == null) {
            throw new IllegalStateException("the home folder exists only while the test class runs");
        }
        return home;
    }

    /** The database the class runs on (H2, or the test PostgreSQL); known from before the home's set-up runs. */
    public TestDatabase database() {
        if (database == null) {
            throw new IllegalStateException("the database is known only while the test class runs");
        }
        return database;
    }

    public Path workflowsDir() {
        return home().resolve("workflows");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        home = Files.createTempDirectory("freshet-test-");
        database = context.getRequiredTestClass().isAnnotationPresent(OnPostgres.class)
                ? TestDatabase.on(TestDatabases.server(context))
                : TestDatabase.h2();
        Path dir = Files.createDirectories(workflowsDir());
        for (Map.Entry<String, Function<Path, String>> workflow : workflows.entrySet()) {
            Files.writeString(
                    dir.resolve(workflow.getKey()), workflow.getValue().apply(home));
        }
        for (HomeSetup setup : beforeStart) {
            setup.prepare(home);
        }
        EngineConfig config = EngineConfig.defaults(home.resolve("state")).withWorkflowsDir(dir);
        if (database.isPostgres()) {
            config = database.configure(config);
        }
        config = configure.apply(config);
        engine = standalone ? Engine.startStandalone(config) : Engine.start(config);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (engine != null) {
                engine.close();
            }
        } finally {
            engine = null;
            database = null;
            deleteTree(home);
            home = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Engine.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return engine();
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // a file a task still writes: the folder is temporary, leave the rest
                }
            }
        } catch (UncheckedIOException e) {
            // the walk met a file deleted under it: same
        }
    }

    /** The options of an engine for tests. */
    public static final class Builder {
        private final Map<String, Function<Path, String>> workflows = new LinkedHashMap<>();
        private final List<HomeSetup> beforeStart = new ArrayList<>();
        private Function<EngineConfig, EngineConfig> configure = Function.identity();
        private boolean standalone;

        private Builder() {}

        /** An engine as {@code freshet run} starts it ({@link Engine#startStandalone}), for workflows it loads. */
        public Builder standalone() {
            standalone = true;
            return this;
        }

        /** A workflow file in the home's {@code workflows/} folder. */
        public Builder workflow(String fileName, String yaml) {
            return workflow(fileName, home -> yaml);
        }

        /** A workflow file whose text depends on the home folder (say, a path in it). */
        public Builder workflow(String fileName, Function<Path, String> yamlForHome) {
            workflows.put(fileName, yamlForHome);
            return this;
        }

        public Builder workflows(Map<String, String> yamlByFileName) {
            yamlByFileName.forEach(this::workflow);
            return this;
        }

        /** Work on the home folder after the workflow files are written and before the engine starts. */
        public Builder beforeStart(HomeSetup setup) {
            beforeStart.add(setup);
            return this;
        }

        /** Changes to the engine's configuration (the defaults on the home's {@code state/}). */
        public Builder configure(Function<EngineConfig, EngineConfig> change) {
            configure = configure.andThen(change);
            return this;
        }

        public FreshetEngineExtension build() {
            return new FreshetEngineExtension(this);
        }
    }
}
