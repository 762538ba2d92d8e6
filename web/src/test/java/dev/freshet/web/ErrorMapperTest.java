package dev.freshet.web;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static dev.freshet.web.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

class ErrorMapperTest {
    @Test
    void anUnexpectedFailureIsA500WithoutItsMessageOrStackTrace() {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(JsonMappers.create(), false));
            config.router.mount(routes -> {
                routes.exception(Exception.class, ErrorMapper::handle);
                routes.get("/boom", ctx -> {
                    throw new IllegalStateException("secret internals at /var/lib/x");
                });
            });
        }).start(0);
        try {
            HttpResponse<String> response = new Http(app.port(), "t").get("/boom");

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(json(response).get("title").asText()).isEqualTo("Internal Server Error");
            assertThat(json(response).get("detail").asText()).isEqualTo(ErrorMapper.INTERNAL_DETAIL);
            assertThat(response.body()).doesNotContain("secret", "IllegalStateException", "at dev.");
        } finally {
            app.stop();
        }
    }
}
