package dev.freshet.web.metrics;

import dev.freshet.engine.monitoring.PredictionLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The prediction log's meters: {@code freshet_prediction_log_written_total{model}} counts rows written, {@code
 * freshet_prediction_log_dropped_total{model,reason}} rows dropped because the queue was full ({@code queue_full})
 * or the database refused them ({@code write_failed}).
 */
public final class PredictionLogMetrics implements PredictionLog.Counts {
    private final MeterRegistry registry;
    private final Map<String, Counter> written = new ConcurrentHashMap<>();
    private final Map<String, Counter> dropped = new ConcurrentHashMap<>();

    public PredictionLogMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void written(String model, int rows) {
        written.computeIfAbsent(
                        model,
                        name -> Counter.builder("freshet.prediction.log.written")
                                .description("rows written to the prediction log")
                                .tag("model", name)
                                .register(registry))
                .increment(rows);
    }

    @Override
    public void dropped(String model, int rows, PredictionLog.DropReason reason) {
        dropped.computeIfAbsent(
                        model + '\n' + reason,
                        key -> Counter.builder("freshet.prediction.log.dropped")
                                .description("rows not written to the prediction log")
                                .tag("model", model)
                                .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                                .register(registry))
                .increment(rows);
    }
}
