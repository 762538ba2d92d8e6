package dev.freshet.web;

import dev.freshet.engine.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** One engine (with {@link TestEngines}' workflows) and one server per test class, and a client with the token. */
abstract class ApiServerTest {
    static final String TOKEN = "api-test-token";

    @TempDir
    static Path home;
    static Engine engine;
    static FreshetServer server;
    static Http http;

    @BeforeAll
    static void startServer() {
        engine = TestEngines.start(home);
        server = FreshetServer.start(engine, new ServerSettings(0, TOKEN, null));
        http = new Http(server.port(), TOKEN);
    }

    @AfterAll
    static void stopServer() {
        server.close();
        engine.close();
    }
}
