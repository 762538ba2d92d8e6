package dev.freshet.web.metrics;

import dev.freshet.engine.monitoring.Monitoring;
import dev.freshet.engine.monitoring.VersionPerformance;
import dev.freshet.web.metrics.ModelGauges.Latest;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Realized errors as gauges per model and version: {@code freshet_model_realized_rmse}, {@code
 * freshet_model_realized_mae} and {@code freshet_model_labels}, over all joined feedback. Read from the database
 * (one grouped query per model) after feedback is posted here and every {@link #REFRESH_EVERY} for feedback other
 * nodes took, on a thread of their own: a scrape never queries the database.
 */
public final class PerformanceGauges implements AutoCloseable {
    static final Duration REFRESH_EVERY = Duration.ofSeconds(30);

    private final Monitoring monitoring;
    private final MeterRegistry registry;
    private final Map<String, Latest<VersionPerformance>> byVersion = new ConcurrentHashMap<>();
    private final ModelGauges refresher;

    public PerformanceGauges(Monitoring monitoring, MeterRegistry registry) {
        this.monitoring = monitoring;
        this.registry = registry;
        this.refresher = new ModelGauges(
                "realized performance",
                "freshet-performance-gauges",
                monitoring::labelledModels,
                this::refresh,
                Duration.ZERO,
                REFRESH_EVERY);
    }

    /** Re-reads the model's figures on the gauges' thread. */
    public void refreshSoon(String model) {
        refresher.refreshSoon(model);
    }

    private void refresh(String model) {
        for (VersionPerformance figures : monitoring.performance(model, Optional.empty())) {
            byVersion.computeIfAbsent(model + '\n' + figures.version(), key -> register(model, figures)).value =
                    figures;
        }
    }

    private Latest<VersionPerformance> register(String model, VersionPerformance figures) {
        Latest<VersionPerformance> holder = new Latest<>();
        holder.value = figures;
        String[] tags = {"model", model, "version", Integer.toString(figures.version())};
        ModelGauges.gauge(
                registry,
                "freshet.model.realized.rmse",
                "root mean squared error over the labelled predictions",
                holder,
                VersionPerformance::rmse,
                tags);
        ModelGauges.gauge(
                registry,
                "freshet.model.realized.mae",
                "mean absolute error over the labelled predictions",
                holder,
                VersionPerformance::mae,
                tags);
        ModelGauges.gauge(
                registry, "freshet.model.labels", "labelled predictions", holder, VersionPerformance::labels, tags);
        return holder;
    }

    @Override
    public void close() {
        refresher.close();
    }
}
