package dev.freshet.engine.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Where logged predictions and their labels are kept. */
public interface PredictionStore {

    /** Inserts the segments, in one transaction and one database round trip where the database allows. */
    void write(List<PackedSegment> segments);

    /** Appends the rows of the batches, packed into segments ({@link SegmentPacker}) and written at once. */
    default void append(List<ScoredBatch> batches) {
        write(SegmentPacker.pack(batches));
    }

    /**
     * Keeps each label whose prediction id was logged for {@code model}, replacing an earlier label of the same id;
     * the rest are counted as unknown. In one transaction.
     */
    FeedbackResult join(String model, List<Label> labels, Instant receivedAt);

    /** Realized errors per version over the labelled predictions made at or after {@code since}, by version. */
    List<VersionPerformance> performance(String model, Optional<Instant> since);

    /**
     * Realized errors per version and UTC day of prediction time over the labelled predictions made at or after
     * {@code since}, by version then day; a day without labels has no entry.
     */
    List<DailyPerformance> dailyPerformance(String model, Optional<Instant> since);

    /** The names of the models with logged predictions. */
    List<String> loggedModels();

    /** The names of the models with at least one labelled prediction. */
    List<String> labelledModels();

    /**
     * Hands each labelled prediction of {@code model} made at or after {@code since} to {@code each}, in prediction id
     * order, reading them a batch at a time.
     */
    void labelled(String model, Optional<Instant> since, Consumer<LabelledPrediction> each);

    /** How many predictions of {@code model} are in the log. */
    long logged(String model);

    /** The features of the model's latest logged predictions made at or after {@code since}, at most maxRows. */
    List<LoggedFeatures> recentFeatures(String model, Optional<Instant> since, int maxRows);
}
