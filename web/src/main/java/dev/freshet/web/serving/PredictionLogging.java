package dev.freshet.web.serving;

import dev.freshet.engine.monitoring.PredictionIds;
import dev.freshet.engine.monitoring.PredictionLog;
import dev.freshet.engine.monitoring.ScoredBatch;

import java.time.Clock;

/**
 * Gives every scored row a prediction id and hands the request's rows to the prediction log, without waiting for
 * it. The ids go back in the {@value #HEADER} header, one per row in row order; with the log off there is neither.
 */
public final class PredictionLogging implements AutoCloseable {
    /** Response header with one prediction id per scored row, comma-separated, in row order. */
    public static final String HEADER = "Freshet-Prediction-Ids";
    /** No ids, no log: {@code FRESHET_PREDICTION_LOG=off}. */
    public static final PredictionLogging OFF = new PredictionLogging(null, null, null);

    private final PredictionIds ids;
    private final PredictionLog log;
    private final Clock clock;

    private PredictionLogging(PredictionIds ids, PredictionLog log, Clock clock) {
        this.ids = ids;
        this.log = log;
        this.clock = clock;
    }

    public static PredictionLogging to(PredictionLog log, Clock clock) {
        return new PredictionLogging(new PredictionIds(), log, clock);
    }

    /** The header's value for these rows, once they are queued for the log; null when the log is off. */
    public String logged(ServedModel served, double[][] rows, double[] predictions) {
        if (log == null) {
            return null;
        }
        PredictionIds.Block block = ids.take(predictions.length);
        log.offer(new ScoredBatch(block, served.name(), served.version(), clock.instant(), rows, predictions));
        return block.joined();
    }

    @Override
    public void close() {
        if (log != null) {
            log.close();
        }
    }
}
