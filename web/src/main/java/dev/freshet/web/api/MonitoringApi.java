package dev.freshet.web.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.engine.Engine;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.monitoring.DriftReport;
import dev.freshet.engine.monitoring.FeatureDrift;
import dev.freshet.engine.monitoring.FeedbackResult;
import dev.freshet.engine.monitoring.Monitoring;
import dev.freshet.engine.monitoring.VersionPerformance;
import dev.freshet.web.InstantRange;
import dev.freshet.web.PathIds;
import dev.freshet.web.metrics.DriftGauges;
import dev.freshet.web.metrics.PerformanceGauges;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Ground truth and realized errors of a served model: {@code POST /api/v1/models/{name}/feedback} joins labels to
 * logged predictions, {@code GET /api/v1/models/{name}/performance} sums the errors per version, {@code GET
 * /api/v1/models/{name}/drift} compares the logged features with the champion's training data.
 */
public final class MonitoringApi {
    private final Monitoring monitoring;
    private final ObjectMapper mapper;
    private final PerformanceGauges gauges;
    private final DriftGauges driftGauges;

    public record PerformanceBody(List<VersionPerformance> versions) {}

    public MonitoringApi(Engine engine, ObjectMapper mapper, PerformanceGauges gauges, DriftGauges driftGauges) {
        this.monitoring = engine.monitoring();
        this.mapper = mapper;
        this.gauges = gauges;
        this.driftGauges = driftGauges;
    }

    public void register(JavalinDefaultRouting routes) {
        routes.post("/api/v1/models/{name}/feedback", this::feedback);
        routes.get("/api/v1/models/{name}/performance", this::performance);
        routes.get("/api/v1/models/{name}/drift", this::drift);
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

    private void drift(Context ctx) {
        String name = PathIds.id(ctx, "name");
        Optional<Instant> since = since(ctx.queryParam("since"));
        DriftReport report = monitoring.drift(name, since);
        if (since.isEmpty()) {
            driftGauges.record(name, report); // the gauges' own window
        }
        ctx.json(DriftBody.of(name, report));
    }

    /** The drift report as JSON: status in lower case, the features in the champion's order. */
    public record DriftBody(
            String model,
            String status,
            int championVersion,
            Instant since,
            int rows,
            List<FeatureDrift> features,
            long driftedFeatures,
            double driftedShare,
            boolean datasetDrift,
            String note) {
        static DriftBody of(String model, DriftReport report) {
            return new DriftBody(
                    model,
                    report.status().name().toLowerCase(Locale.ROOT),
                    report.version(),
                    report.since(),
                    report.rows(),
                    report.features(),
                    report.driftedFeatures(),
                    report.driftedShare(),
                    report.datasetDrift(),
                    report.note());
        }
    }

    static Optional<Instant> since(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    InstantRange.check("since", text, OffsetDateTime.parse(text).toInstant()));
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(
                    "since: '" + text + "' is not an ISO-8601 instant with an offset, e.g. 2026-05-01T00:00:00Z");
        }
    }
}
