package dev.freshet.web.metrics;

import dev.freshet.engine.monitoring.DriftReport;
import dev.freshet.engine.monitoring.FeatureDrift;
import dev.freshet.engine.monitoring.Monitoring;
import dev.freshet.web.metrics.ModelGauges.Latest;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live feature drift as gauges, over each logged model's latest predictions against its champion's training data
 * (as {@code GET /api/v1/models/{name}/drift}): {@code freshet_model_drift_psi{model,feature}}, {@code
 * freshet_model_drift_ks_statistic{model,feature}}, {@code freshet_model_drift_ks_p_value{model,feature}}, {@code
 * freshet_model_drift_drifted{model,feature}} (1 or 0) and {@code freshet_model_drift_share{model}}. Computed on a
 * thread of their own every {@link #REFRESH_EVERY}, and whenever the API computes the same report: a scrape never
 * reads the log. A feature no longer compared reads NaN.
 */
public final class DriftGauges implements AutoCloseable {
    static final Duration REFRESH_EVERY = Duration.ofSeconds(60);

    private final Monitoring monitoring;
    private final MeterRegistry registry;
    private final Map<String, Latest<FeatureDrift>> features = new ConcurrentHashMap<>();
    private final Map<String, Latest<Double>> shares = new ConcurrentHashMap<>();
    private final ModelGauges refresher;

    public DriftGauges(Monitoring monitoring, MeterRegistry registry) {
        this(monitoring, registry, REFRESH_EVERY);
    }

    public DriftGauges(Monitoring monitoring, MeterRegistry registry, Duration every) {
        this.monitoring = monitoring;
        this.registry = registry;
        this.refresher = new ModelGauges(
                "drift",
                "freshet-drift-gauges",
                monitoring::loggedModels,
                model -> record(model, this.monitoring.drift(model, Optional.empty())),
                every,
                every);
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

    private Latest<FeatureDrift> register(String model, String feature) {
        Latest<FeatureDrift> holder = new Latest<>();
        String[] tags = {"model", model, "feature", feature};
        ModelGauges.gauge(
                registry,
                "freshet.model.drift.psi",
                "population stability index against the training data",
                holder,
                FeatureDrift::psi,
                tags);
        ModelGauges.gauge(
                registry,
                "freshet.model.drift.ks.statistic",
                "Kolmogorov-Smirnov statistic against the training data",
                holder,
                FeatureDrift::ksStatistic,
                tags);
        ModelGauges.gauge(
                registry,
                "freshet.model.drift.ks.p.value",
                "Kolmogorov-Smirnov p-value against the training data",
                holder,
                FeatureDrift::ksPValue,
                tags);
        ModelGauges.gauge(
                registry,
                "freshet.model.drift.drifted",
                "1 when the feature drifted by the validation gate's thresholds",
                holder,
                d -> d.drifted() ? 1 : 0,
                tags);
        return holder;
    }

    private Latest<Double> registerShare(String model) {
        Latest<Double> holder = new Latest<>();
        ModelGauges.gauge(
                registry,
                "freshet.model.drift.share",
                "share of the features that drifted from the champion's training data",
                holder,
                Double::doubleValue,
                "model",
                model);
        return holder;
    }

    @Override
    public void close() {
        refresher.close();
    }
}
