package dev.freshet.web;

import dev.freshet.engine.Engine;
import dev.freshet.engine.run.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;

import static dev.freshet.web.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Which model {@code /invocations} serves as models appear: none, one, several. The steps build on each other. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServingDefaultsTest {
    private static final String BODY = "{\"inputs\": [[1, 2]]}";

    static Run run;

    @RegisterExtension
    static final FreshetServerExtension freshet = FreshetServerExtension.builder()
            .token("t")
            .beforeServer(engine -> run = TestEngines.quickRun(engine))
            .build();

    static Engine engine;
    static FreshetServer server;
    static Http http;

    @BeforeAll
    static void start() {
        engine = freshet.engine();
        server = freshet.server();
        http = freshet.http();
    }

    @Test
    @Order(1)
    void withoutAnyModelItIsUnavailable() {
        HttpResponse<String> response = invoke();
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).get("detail").asText()).contains("no champion yet");
        assertThat(http.get("/ping").statusCode()).isEqualTo(503);
    }

    @Test
    @Order(2)
    void theOnlyModelIsServedWithoutARestart() {
        TestEngines.registerChampion(engine, "first", run, 1.0, 0.0);

        HttpResponse<String> response = invoke();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("predictions").get(0).asDouble()).isEqualTo(3.0);
        assertThat(http.get("/ping").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void severalModelsNeedAChoice() {
        TestEngines.registerModel(engine, "second", run, 5.0, 0.0);

        // the server learns of a new model within its one-second check, without a restart
        HttpResponse<String> response =
                await().atMost(Duration.ofSeconds(5)).until(ServingDefaultsTest::invoke, r -> r.statusCode() == 400);
        assertThat(json(response).get("detail").asText())
                .contains("first", "second", "/models/{name}/invocations", "/models/first/invocations", "--model NAME");
        assertThat(http.postRaw("/models/first/invocations", BODY, "Content-Type", "application/json")
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> noChampion =
                http.postRaw("/models/second/invocations", BODY, "Content-Type", "application/json");
        assertThat(noChampion.statusCode()).isEqualTo(503);
        assertThat(json(noChampion).get("detail").asText()).contains("no champion yet");
    }

    @Test
    @Order(4)
    void aDefaultModelSettlesIt() {
        try (FreshetServer pinned = FreshetServer.start(engine, new ServerSettings(0, "t", "first"))) {
            Http pinnedHttp = new Http(pinned.port(), "t");
            HttpResponse<String> response =
                    pinnedHttp.postRaw("/invocations", BODY, "Content-Type", "application/json");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).get("predictions").get(0).asDouble()).isEqualTo(3.0);
        }
    }

    private static HttpResponse<String> invoke() {
        return http.postRaw("/invocations", BODY, "Content-Type", "application/json");
    }
}
