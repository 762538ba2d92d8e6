package dev.freshet.web.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.engine.Engine;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.monitoring.FeedbackResult;
import dev.freshet.engine.monitoring.Monitoring;
import dev.freshet.engine.monitoring.VersionPerformance;
import dev.freshet.web.PathIds;
import dev.freshet.web.metrics.PerformanceGauges;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Ground truth and realized errors of a served model: {@code POST /api/v1/models/{name}/feedback} joins labels to
 * logged predictions, {@code GET /api/v1/models/{name}/performance} sums the errors per version.
 */
public final class MonitoringApi {
    private final Monitoring monitoring;
    private final ObjectMapper mapper;
    private final PerformanceGauges gauges;

    public record PerformanceBody(List<VersionPerformance> versions) {}

    public MonitoringApi(Engine engine, ObjectMapper mapper, PerformanceGauges gauges) {
        this.monitoring = engine.monitoring();
        this.mapper = mapper;
        this.gauges = gauges;
    }

    public void register(JavalinDefaultRouting routes) {
        routes.post("/api/v1/models/{name}/feedback", this::feedback);
        routes.get("/api/v1/models/{name}/performance", this::performance);
    }

    private void feedback(Context ctx) {
        String name = PathIds.id(ctx, "name");
        FeedbackResult result = monitoring.feedback(name, FeedbackInput.parse(ctx.contentType(), ctx.body(), mapper));
        if (result.joined() > 0) {
            gauges.refreshSoon(name);
        }
        ctx.json(result);
    }

    private void performance(Context ctx) {
        String name = PathIds.id(ctx, "name");
        ctx.json(new PerformanceBody(monitoring.performance(name, since(ctx.queryParam("since")))));
    }

    static Optional<Instant> since(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(
                    "since: '" + text + "' is not an ISO-8601 instant with an offset, e.g. 2026-05-01T00:00:00Z");
        }
    }
}
