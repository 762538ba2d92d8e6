package dev.freshet.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freshet.engine.events.DecayDetected;
import dev.freshet.engine.events.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/v1/events}: the outbox with each event's delivery, and a 400 naming a bad parameter. */
class EventsApiTest {
    @RegisterExtension
    static final FreshetServerExtension freshet =
            FreshetServerExtension.builder().token("events-token").build();

    @Test
    void listsTheOutboxNewestFirstWithTheDeliveryOfEachEvent() {
        Event first = freshet.engine().events().decayDetected(new DecayDetected("wine", 3, "rmse", 0.92, 0.8, 240));
        Event second = freshet.engine().events().decayDetected(new DecayDetected("wine", 4, "mae", 0.7, 0.6, 300));

        HttpResponse<String> response = freshet.http().get("/api/v1/events?status=pending&limit=2");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Http.json(response);
        assertThat(body.get("events")).hasSize(2);
        JsonNode newest = body.get("events").get(0);
        assertThat(newest.get("id").asText()).isEqualTo(second.id());
        assertThat(body.get("events").get(1).get("id").asText()).isEqualTo(first.id());
        assertThat(newest.get("kind").asText()).isEqualTo("decay.detected");
        assertThat(newest.get("subject").get("model").asText()).isEqualTo("wine");
        assertThat(newest.get("subject").get("version").asInt()).isEqualTo(4);
        assertThat(newest.get("payload").get("metric").asText()).isEqualTo("mae");
        assertThat(newest.get("delivery").get("status").asText()).isEqualTo("pending");
        assertThat(newest.get("delivery").get("attempts").asInt()).isZero();
        assertThat(body.get("counts").get("pending").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(body.get("counts").get("dead").asLong()).isZero();
        assertThat(freshet.http().get("/metrics").body())
                .contains("freshet_events{status=\"pending\"} "
                        + body.get("counts").get("pending").asLong() + ".0")
                .contains("freshet_events{status=\"dead\"} 0.0");
    }

    @Test
    void aBadStatusOrLimitIsA400NamingIt() {
        HttpResponse<String> status = freshet.http().get("/api/v1/events?status=lost");
        HttpResponse<String> limit = freshet.http().get("/api/v1/events?limit=0");

        assertThat(status.statusCode()).isEqualTo(400);
        assertThat(Http.json(status).get("detail").asText())
                .isEqualTo("status: 'lost' is not one of pending, delivered, dead");
        assertThat(limit.statusCode()).isEqualTo(400);
        assertThat(Http.json(limit).get("detail").asText()).isEqualTo("limit: '0' is not a number from 1 to 1000");
    }
}
