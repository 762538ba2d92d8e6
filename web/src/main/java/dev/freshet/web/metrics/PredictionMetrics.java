package dev.freshet.web.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Scoring meters: {@code freshet_predictions_total{model}} counts predicted rows, {@code
 * freshet_prediction_requests_seconds{model,outcome}} times each request. Meters are looked up once per model and
 * outcome, so recording costs a map read and two adds on the hot path.
 */
public final class PredictionMetrics {
    private final MeterRegistry registry;
    private final Map<String, Meters> byModel = new ConcurrentHashMap<>();
    private final Timer failures;

    private record Meters(Counter rows, Timer requests) {}

    public PredictionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.failures = requestTimer("none", "error");
    }

    public void scored(String model, int rows, long nanos) {
        Meters meters = byModel.computeIfAbsent(
                model,
                name -> new Meters(
                        Counter.builder("freshet.predictions")
                                .description("rows scored")
                                .tag("model", name)
                                .register(registry),
                        requestTimer(name, "success")));
        meters.rows().increment(rows);
        meters.requests().record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A request that was refused (bad input, no champion): timed without a model. */
    public void failed(long nanos) {
        failures.record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer requestTimer(String model, String outcome) {
        return Timer.builder("freshet.prediction.requests")
                .description("scoring requests, by outcome")
                .tag("model", model)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(0).plusNanos(50_000))
                .maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry);
    }
}
