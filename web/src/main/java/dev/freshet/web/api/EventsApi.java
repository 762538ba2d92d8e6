package dev.freshet.web.api;

import dev.freshet.engine.Engine;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.events.DeliveryStatus;
import dev.freshet.engine.events.Events;
import dev.freshet.engine.events.StoredEvent;
import dev.freshet.engine.events.WebhookBody;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code GET /api/v1/events}: the outbox, newest first, with each event's delivery (dead letters included), and how
 * many events are in each status.
 */
public final class EventsApi {
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final Events events;

    public EventsApi(Engine engine) {
        this.events = engine.events();
    }

    public void register(JavalinDefaultRouting routes) {
        routes.get("/api/v1/events", this::list);
    }

    private void list(Context ctx) {
        QueryParams params = QueryParams.of(ctx, Set.of("status", "limit"), Map.of());
        Optional<DeliveryStatus> status = params.text("status").map(EventsApi::status);
        int limit = params.text("limit").map(EventsApi::limit).orElse(DEFAULT_LIMIT);
        Map<String, Long> counts = new LinkedHashMap<>();
        events.countByStatus().forEach((s, n) -> counts.put(s.wireName(), n));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "events",
                events.latest(status, limit).stream().map(EventsApi::view).toList());
        body.put("counts", counts);
        ctx.json(body);
    }

    private static Map<String, Object> view(StoredEvent stored) {
        Map<String, Object> delivery = new LinkedHashMap<>();
        delivery.put("status", stored.status().wireName());
        delivery.put("attempts", stored.attempts());
        delivery.put(
                "next_attempt_at",
                stored.status() == DeliveryStatus.PENDING
                        ? stored.nextAttemptAt().toString()
                        : null);
        delivery.put(
                "delivered_at",
                stored.deliveredAt() == null ? null : stored.deliveredAt().toString());
        delivery.put("last_error", stored.lastError());
        Map<String, Object> view = new LinkedHashMap<>(WebhookBody.document(stored.event()));
        view.put("delivery", delivery);
        return view;
    }

    private static DeliveryStatus status(String text) {
        try {
            return DeliveryStatus.fromWire(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status: '" + QueryParams.shorten(text) + "' is not one of "
                    + Arrays.stream(DeliveryStatus.values())
                            .map(DeliveryStatus::wireName)
                            .collect(Collectors.joining(", ")));
        }
    }

    private static int limit(String text) {
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InvalidInputException(
                "limit: '" + QueryParams.shorten(text) + "' is not a number from 1 to " + MAX_LIMIT);
    }
}
