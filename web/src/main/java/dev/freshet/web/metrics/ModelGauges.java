package dev.freshet.web.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * What the per-model gauges share: the figures live in {@link Latest} holders the gauges read, and a daemon thread of
 * their own refreshes them every period (and on request), model by model, so that a scrape never reads the database.
 * A model that fails to refresh keeps its last figures.
 */
final class ModelGauges implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelGauges.class);

    private final String what;
    private final Supplier<List<String>> models;
    private final Consumer<String> refresh;
    private final ScheduledExecutorService refresher;

    /** The latest figures a gauge reads; a gauge of an empty holder reads NaN. */
    static final class Latest<T> {
        volatile T value;
    }

    /**
     * @param what what the gauges show, for the log
     * @param models the models to refresh each period
     * @param refresh refreshes one model's holders
     */
    ModelGauges(
            String what,
            String threadName,
            Supplier<List<String>> models,
            Consumer<String> refresh,
            Duration first,
            Duration every) {
        this.what = what;
        this.models = models;
        this.refresh = refresh;
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refreshAll, first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Refreshes the model's figures on the gauges' thread. */
    void refreshSoon(String model) {
        try {
            refresher.execute(() -> refreshQuietly(model));
        } catch (RejectedExecutionException closed) {
            // closing: nothing to refresh
        }
    }

    private void refreshAll() {
        try {
            models.get().forEach(this::refreshQuietly);
        } catch (RuntimeException e) {
            LOG.debug("{} not refreshed: {}", what, e.toString());
        }
    }

    private void refreshQuietly(String model) {
        try {
            refresh.accept(model);
        } catch (RuntimeException e) {
            LOG.debug("{} of {} not refreshed: {}", what, model, e.toString());
        }
    }

    /** Registers a gauge of {@code value} over the holder's figures, tagged by pairs of name and value. */
    static <T> void gauge(
            MeterRegistry registry,
            String name,
            String description,
            Latest<T> holder,
            ToDoubleFunction<T> value,
            String... tags) {
        Gauge.builder(name, holder, h -> {
                    T figures = h.value;
                    return figures == null ? Double.NaN : value.applyAsDouble(figures);
                })
                .description(description)
                .tags(tags)
                .strongReference(true)
                .register(registry);
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
