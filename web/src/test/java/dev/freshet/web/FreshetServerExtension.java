package dev.freshet.web;

import dev.freshet.engine.Engine;
import dev.freshet.engine.EngineConfig;
import dev.freshet.engine.testdb.TestDatabase;
import dev.freshet.engine.testing.FreshetEngineExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One engine and one server on a free port per test class, as Javalin's {@code JavalinTest} gives a test its server
 * and client. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final FreshetServerExtension freshet = FreshetServerExtension.builder().token("t").build();
 * }</pre>
 *
 * The home's {@code workflows/} holds {@link TestEngines}' three small workflows (unless
 * {@link Builder#withoutTestWorkflows()}) and the ones the test adds. The server starts before the class's
 * {@code @BeforeAll} methods and stops after its {@code @AfterAll} methods; test and lifecycle methods may take the
 * {@link Engine}, the {@link FreshetServer} or an {@link Http} client with the token as parameters. The engine is
 * {@link FreshetEngineExtension}'s, so a subclass of a test class marked {@code @OnPostgres} runs on PostgreSQL.
 */
final class FreshetServerExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    /** Work on the started engine before the server starts on it (say, registering the model it serves). */
    @FunctionalInterface
    interface EngineSetup {
        void prepare(Engine engine) throws Exception;
    }

    private final FreshetEngineExtension engineExtension;
    private final String token;
    private final String defaultModel;
    private final List<EngineSetup> beforeServer;
    private FreshetServer server;
    private Http http;

    private FreshetServerExtension(Builder builder) {
        this.engineExtension = builder.engine.build();
        this.token = builder.token;
        this.defaultModel = builder.defaultModel;
        this.beforeServer = List.copyOf(builder.beforeServer);
    }

    static Builder builder() {
        return new Builder();
    }

    Engine engine() {
        return engineExtension.engine();
    }

    /** The database the class runs on: H2, or the test PostgreSQL for a class marked {@code @OnPostgres}. */
    TestDatabase database() {
        return engineExtension.database();
    }

    FreshetServer server() {
        if (server == null) {
            throw new IllegalStateException(
                    "the server runs only while the test class does;" + " register the extension on a static field");
        }
        return server;
    }

    int port() {
        return server().port();
    }

    /** {@code http://127.0.0.1:PORT} */
    String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** A client of this server that sends the API token where it is needed. */
    Http http() {
        server();
        return http;
    }

    String token() {
        return token;
    }

    /** The home folder: {@code workflows/} and the engine's {@code state/}. */
    Path home() {
        return engineExtension.home();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        engineExtension.beforeAll(context);
        for (EngineSetup setup : beforeServer) {
            setup.prepare(engine());
        }
        server = FreshetServer.start(engine(), new ServerSettings(0, token, defaultModel));
        http = new Http(server.port(), token);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            server = null;
            http = null;
            engineExtension.afterAll(context);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Engine.class || type == FreshetServer.class || type == Http.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == Engine.class) {
            return engine();
        }
        return type == FreshetServer.class ? server() : http();
    }

    /** The options of a server for tests. */
    static final class Builder {
        private final FreshetEngineExtension.Builder engine = FreshetEngineExtension.builder();
        private final List<EngineSetup> beforeServer = new ArrayList<>();
        private final Map<String, Function<Path, String>> workflows = new LinkedHashMap<>();
        private boolean testWorkflows = true;
        private String token = "test-token";
        private String defaultModel;

        private Builder() {}

        /** The API token the server asks for and {@link #http()} sends; "test-token" unless given. */
        Builder token(String apiToken) {
            token = apiToken;
            return this;
        }

        /** The model {@code POST /invocations} serves; none unless given. */
        Builder defaultModel(String model) {
            defaultModel = model;
            return this;
        }

        /** Leaves {@link TestEngines}' hello, quick and flaky workflows out of the home's folder. */
        Builder withoutTestWorkflows() {
            testWorkflows = false;
            return this;
        }

        Builder workflow(String fileName, String yaml) {
            return workflow(fileName, home -> yaml);
        }

        /** A workflow file whose text depends on the home folder (say, a path in it). */
        Builder workflow(String fileName, Function<Path, String> yamlForHome) {
            workflows.put(fileName, yamlForHome);
            return this;
        }

        Builder workflows(Map<String, String> yamlByFileName) {
            yamlByFileName.forEach(this::workflow);
            return this;
        }

        /** Work on the home folder before the engine starts on it. */
        Builder beforeEngine(FreshetEngineExtension.HomeSetup setup) {
            engine.beforeStart(setup);
            return this;
        }

        Builder configure(Function<EngineConfig, EngineConfig> change) {
            engine.configure(change);
            return this;
        }

        /** Work on the started engine before the server starts. */
        Builder beforeServer(EngineSetup setup) {
            beforeServer.add(setup);
            return this;
        }

        FreshetServerExtension build() {
            if (testWorkflows) {
                TestEngines.WORKFLOWS.forEach(engine::workflow);
            }
            workflows.forEach(engine::workflow);
            return new FreshetServerExtension(this);
        }
    }
}
