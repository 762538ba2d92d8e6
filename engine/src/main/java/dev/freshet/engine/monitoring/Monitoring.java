package dev.freshet.engine.monitoring;

import dev.freshet.engine.drift.DriftRules;
import dev.freshet.engine.error.NotFoundException;
import dev.freshet.engine.tracking.ModelRegistry;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * How served models do on live traffic: ground truth joined to logged predictions, and the realized errors per
 * version. The prediction log itself ({@link #startLog}) is the serving side's; this is what reads it.
 */
public final class Monitoring {
    private final PredictionStore store;
    private final ModelRegistry models;
    private final Clock clock;
    private final LiveDrift drift;
    private final DriftRules driftRules = DriftRules.DEFAULTS;
    private final List<Consumer<String>> feedbackListeners = new CopyOnWriteArrayList<>();

    /** With the {@link TrainingDataReader} that {@link ServiceLoader} finds, if any. */
    public Monitoring(PredictionStore store, ModelRegistry models, Clock clock) {
        this(store, models, clock, ServiceLoader.load(TrainingDataReader.class).findFirst());
    }

    public Monitoring(
            PredictionStore store, ModelRegistry models, Clock clock, Optional<TrainingDataReader> trainingData) {
        this.store = store;
        this.models = models;
        this.clock = clock;
        this.drift = new LiveDrift(store, models, trainingData, driftRules);
    }

    /** Starts a prediction log writing to this engine's database. */
    public PredictionLog startLog(PredictionLog.Counts counts, int capacity, int batchRows) {
        return new PredictionLog(store, counts, capacity, batchRows);
    }

    /** Told the model's name after each commit of feedback that joined at least one label. */
    public void addFeedbackListener(Consumer<String> listener) {
        feedbackListeners.add(listener);
    }

    /** Joins labels to the model's logged predictions; a label for an id already labelled replaces it. */
    public FeedbackResult feedback(String model, List<Label> labels) {
        requireModel(model);
        FeedbackResult result = store.join(model, labels, clock.instant());
        if (result.joined() > 0) {
            feedbackListeners.forEach(listener -> listener.accept(model));
        }
        return result;
    }

    /** Realized RMSE and MAE per version over the labelled predictions made at or after {@code since}. */
    public List<VersionPerformance> performance(String model, Optional<Instant> since) {
        requireModel(model);
        return store.performance(model, since);
    }

    /**
     * Realized RMSE and MAE per version and UTC day of prediction time over the labelled predictions made at or after
     * {@code since}, by version then day.
     */
    public List<DailyPerformance> dailyPerformance(String model, Optional<Instant> since) {
        requireModel(model);
        return store.dailyPerformance(model, since);
    }

    /**
     * Feature drift of the model's logged predictions made at or after {@code since} (the latest ones, up to the
     * validation gate's sample size) against its champion's training data, with the gate's KS and PSI.
     */
    public DriftReport drift(String model, Optional<Instant> since) {
        requireModel(model);
        return drift.report(model, since);
    }

    /** The validation gate's thresholds that {@link #drift} applies. */
    public DriftRules driftRules() {
        return driftRules;
    }

    /** Models with logged predictions. */
    public List<String> loggedModels() {
        return store.loggedModels();
    }

    /** Each labelled prediction of the model made at or after {@code since}, in prediction id order. */
    public void labelled(String model, Optional<Instant> since, Consumer<LabelledPrediction> each) {
        requireModel(model);
        store.labelled(model, since, each);
    }

    /** Models with at least one labelled prediction. */
    public List<String> labelledModels() {
        return store.labelledModels();
    }

    /** How many of the model's predictions are in the log. */
    public long logged(String model) {
        return store.logged(model);
    }

    private void requireModel(String model) {
        if (!models.exists(model)) {
            throw new NotFoundException("model '" + model + "' does not exist");
        }
    }
}
