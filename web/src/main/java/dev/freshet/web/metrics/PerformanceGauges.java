package dev.freshet.web.metrics;

import dev.freshet.engine.monitoring.Monitoring;
import dev.freshet.engine.monitoring.VersionPerformance;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Realized errors as gauges per model and version: {@code freshet_model_realized_rmse}, {@code
 * freshet_model_realized_mae} and {@code freshet_model_labels}, over all joined feedback. Read from the database
 * (one grouped query per model) after feedback is posted here and every {@link #REFRESH_EVERY} for feedback other
 * nodes took, on a thread of their own: a scrape never queries the database.
 */
public final class PerformanceGauges implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PerformanceGauges.class);
    static final Duration REFRESH_EVERY = Duration.ofSeconds(30);

    private final Monitoring monitoring;
    private final MeterRegistry registry;
    private final Map<String, Holder> byVersion = new ConcurrentHashMap<>();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "freshet-performance-gauges");
        thread.setDaemon(true);
        return thread;
    });

    /** The latest figures of one model version; the gauges read it. */
    private static final class Holder {
        private volatile VersionPerformance value;

        Holder(VersionPerformance value) {
            this.value = value;
        }
    }

    public PerformanceGauges(Monitoring monitoring, MeterRegistry registry) {
        this.monitoring = monitoring;
        this.registry = registry;
        refresher.scheduleWithFixedDelay(this::refreshAll, 0, REFRESH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Re-reads the model's figures on the gauges' thread. */
    public void refreshSoon(String model) {
        try {
            refresher.execute(() -> refreshQuietly(model));
        } catch (RejectedExecutionException closed) {
            // closing: nothing to refresh
        }
    }

    private void refreshAll() {
        try {
            monitoring.labelledModels().forEach(this::refreshQuietly);
        } catch (RuntimeException e) {
            LOG.debug("realized performance not refreshed: {}", e.toString());
        }
    }

    private void refreshQuietly(String model) {
        try {
            refresh(model);
        } catch (RuntimeException e) {
            LOG.debug("realized performance of {} not refreshed: {}", model, e.toString());
        }
    }

    private void refresh(String model) {
        for (VersionPerformance figures : monitoring.performance(model, java.util.Optional.empty())) {
            byVersion.computeIfAbsent(model + '\n' + figures.version(), key -> register(model, figures)).value =
                    figures;
        }
    }

    private Holder register(String model, VersionPerformance figures) {
        Holder holder = new Holder(figures);
        String v = Integer.toString(figures.version());
        Gauge.builder("freshet.model.realized.rmse", holder, h -> h.value.rmse())
                .description("root mean squared error over the labelled predictions")
                .tag("model", model)
                .tag("version", v)
                .strongReference(true)
                .register(registry);
        Gauge.builder("freshet.model.realized.mae", holder, h -> h.value.mae())
                .description("mean absolute error over the labelled predictions")
                .tag("model", model)
                .tag("version", v)
                .strongReference(true)
                .register(registry);
        Gauge.builder("freshet.model.labels", holder, h -> h.value.labels())
                .description("labelled predictions")
                .tag("model", model)
                .tag("version", v)
                .strongReference(true)
                .register(registry);
        return holder;
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
