package dev.freshet.web.metrics;

import dev.freshet.engine.monitoring.DriftReport;
import dev.freshet.engine.monitoring.FeatureDrift;
import dev.freshet.engine.monitoring.Monitoring;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Live feature drift as gauges, over each logged model's latest predictions against its champion's training data
 * (as {@code GET /api/v1/models/{name}/drift}): {@code freshet_model_drift_psi{model,feature}}, {@code
 * freshet_model_drift_ks_statistic{model,feature}}, {@code freshet_model_drift_ks_p_value{model,feature}}, {@code
 * freshet_model_drift_drifted{model,feature}} (1 or 0) and {@code freshet_model_drift_share{model}}. Computed on a
 * thread of their own every {@link #REFRESH_EVERY}, and whenever the API computes the same report: a scrape never
 * reads the log. A feature no longer compared
 * reads NaN.
 */
public final class DriftGauges implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DriftGauges.class);
    static final Duration REFRESH_EVERY = Duration.ofSeconds(60);

    private final Monitoring monitoring;
    private final MeterRegistry registry;
    private final Map<String, FeatureHolder> features = new ConcurrentHashMap<>();
    private final Map<String, ShareHolder> shares = new ConcurrentHashMap<>();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "freshet-drift-gauges");
        thread.setDaemon(true);
        return thread;
    });

    private static final class FeatureHolder {
        private volatile FeatureDrift value;
    }

    private static final class ShareHolder {
        private volatile double value = Double.NaN;
    }

    public DriftGauges(Monitoring monitoring, MeterRegistry registry) {
        this(monitoring, registry, REFRESH_EVERY);
    }

    public DriftGauges(Monitoring monitoring, MeterRegistry registry, Duration every) {
        this.monitoring = monitoring;
        this.registry = registry;
        refresher.scheduleWithFixedDelay(this::refreshAll, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void refreshAll() {
        try {
            for (String model : monitoring.loggedModels()) {
                try {
                    record(model, monitoring.drift(model, Optional.empty()));
                } catch (RuntimeException e) {
                    LOG.debug("drift of {} not refreshed: {}", model, e.toString());
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("drift not refreshed: {}", e.toString());
        }
    }

    /** Shows this report of the model (e.g. one the API just computed) until the next refresh. */
    public void record(String model, DriftReport report) {
        String prefix = model + '\n';
        features.forEach((key, holder) -> {
            if (key.startsWith(prefix)) {
                holder.value = null;
            }
        });
        for (FeatureDrift drift : report.features()) {
            features.computeIfAbsent(prefix + drift.feature(), key -> register(model, drift.feature())).value = drift;
        }
        shares.computeIfAbsent(model, this::registerShare).value =
                report.status() == DriftReport.Status.OK ? report.driftedShare() : Double.NaN;
    }

    private FeatureHolder register(String model, String feature) {
        FeatureHolder holder = new FeatureHolder();
        gauge(
                "freshet.model.drift.psi",
                "population stability index against the training data",
                holder,
                model,
                feature,
                FeatureDrift::psi);
        gauge(
                "freshet.model.drift.ks.statistic",
                "Kolmogorov-Smirnov statistic against the training data",
                holder,
                model,
                feature,
                FeatureDrift::ksStatistic);
        gauge(
                "freshet.model.drift.ks.p.value",
                "Kolmogorov-Smirnov p-value against the training data",
                holder,
                model,
                feature,
                FeatureDrift::ksPValue);
        gauge(
                "freshet.model.drift.drifted",
                "1 when the feature drifted by the validation gate's thresholds",
                holder,
                model,
                feature,
                d -> d.drifted() ? 1 : 0);
        return holder;
    }

    private void gauge(
            String name,
            String description,
            FeatureHolder holder,
            String model,
            String feature,
            java.util.function.ToDoubleFunction<FeatureDrift> value) {
        Gauge.builder(name, holder, h -> {
                    FeatureDrift drift = h.value;
                    return drift == null ? Double.NaN : value.applyAsDouble(drift);
                })
                .description(description)
                .tag("model", model)
                .tag("feature", feature)
                .strongReference(true)
                .register(registry);
    }

    private ShareHolder registerShare(String model) {
        ShareHolder holder = new ShareHolder();
        Gauge.builder("freshet.model.drift.share", holder, h -> h.value)
                .description("share of the features that drifted from the champion's training data")
                .tag("model", model)
                .strongReference(true)
                .register(registry);
        return holder;
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
