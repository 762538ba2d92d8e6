package dev.freshet.web;

import dev.freshet.engine.Engine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;

/** One engine (with {@link TestEngines}' workflows) and one server per test class, and a client with the token. */
abstract class ApiServerTest {
    static final String TOKEN = "api-test-token";

    @RegisterExtension
    static final FreshetServerExtension freshet =
            FreshetServerExtension.builder().token(TOKEN).build();

    static Path home;
    static Engine engine;
    static FreshetServer server;
    static Http http;

    @BeforeAll
    static void handles() {
        home = freshet.home();
        engine = freshet.engine();
        server = freshet.server();
        http = freshet.http();
    }
}
