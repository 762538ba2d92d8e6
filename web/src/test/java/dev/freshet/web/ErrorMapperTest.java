package dev.freshet.web;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

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
                })
                .start(0);
        // The failure is logged with its stack trace for the operator; held back here so a green run prints nothing.
        Logger log = (Logger) LoggerFactory.getLogger(ErrorMapper.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        log.addAppender(logged);
        log.setAdditive(false);
        try {
            HttpResponse<String> response = new Http(app.port(), "t").get("/boom");

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(json(response).get("title").asText()).isEqualTo("Internal Server Error");
            assertThat(json(response).get("detail").asText()).isEqualTo(ErrorMapper.INTERNAL_DETAIL);
            assertThat(response.body()).doesNotContain("secret", "IllegalStateException", "at dev.");
            assertThat(logged.list).singleElement().satisfies(event -> {
                assertThat(event.getFormattedMessage()).isEqualTo("GET /boom failed");
                assertThat(event.getThrowableProxy().getMessage()).isEqualTo("secret internals at /var/lib/x");
            });
        } finally {
            log.detachAppender(logged);
            log.setAdditive(true);
            app.stop();
        }
    }
}
