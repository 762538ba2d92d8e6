package dev.freshet.web;

import dev.freshet.engine.testdb.H2Only;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static dev.freshet.web.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Guessing the token from one address is slowed down to one attempt per interval after a small burst. */
@H2Only("The throttle keeps its counts in memory: no query of its own")
class LoginThrottleTest extends ApiServerTest {
    @Test
    void wrongTokensFromOneAddressAreRefusedWith429AfterABurstAndCounted() {
        Http guesser = new Http(server.port(), "wrong-token");
        for (int i = 0; i < FailedLoginThrottle.BURST; i++) {
            int status = i % 2 == 0
                    ? guesser.post("/api/v1/experiments", "{\"name\": \"guess\"}")
                            .statusCode()
                    : guesser.form("/login", null, "token", "guess-" + i, "next", "/")
                            .statusCode();
            assertThat(status).as("attempt %d", i + 1).isEqualTo(401);
        }

        HttpResponse<String> api = guesser.post("/api/v1/experiments", "{\"name\": \"guess\"}");
        HttpResponse<String> login = guesser.form("/login", null, "token", "guess", "next", "/");
        HttpResponse<String> rightToken = http.post("/api/v1/experiments", "{\"name\": \"right\"}");

        for (HttpResponse<String> refused : java.util.List.of(api, login, rightToken)) {
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After"))
                    .hasValueSatisfying(seconds -> assertThat(Long.parseLong(seconds))
                            .isBetween(1L, FailedLoginThrottle.INTERVAL.toSeconds()));
        }
        assertThat(json(api).get("detail").asText()).contains("too many failed attempts");
        assertThat(http.get("/api/v1/dags").statusCode()).as("reads stay open").isEqualTo(200);

        String metrics = http.get("/metrics").body();
        assertThat(metrics)
                .contains(
                        "freshet_auth_failures_total{endpoint=\"api\"} 5.0",
                        "freshet_auth_failures_total{endpoint=\"login\"} 5.0",
                        "freshet_auth_throttled_total{endpoint=\"api\"} 2.0",
                        "freshet_auth_throttled_total{endpoint=\"login\"} 1.0");
    }
}
