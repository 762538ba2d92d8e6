package dev.freshet.web.serving;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.monitoring.PredictionIds;
import dev.freshet.engine.monitoring.PredictionLog;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives every scored row a prediction id and hands the request's rows to the prediction log, without waiting for
 * it. The ids go back in the {@value #HEADER} header, one per row in row order; with the log off there is neither.
 * A large batch's ids come in several fields of that header, {@value #IDS_PER_FIELD} ids each: a list split over
 * repeated fields means the same as one comma-joined field (RFC 9110, 5.3), and keeps each line within what clients
 * read (Python's http.client refuses a header line over 64 KiB).
 */
public final class PredictionLogging implements AutoCloseable {
    /** Response header with one prediction id per scored row, comma-separated, in row order. */
    public static final String HEADER = "Freshet-Prediction-Ids";
    /** No ids, no log: {@code FRESHET_PREDICTION_LOG=off}. */
    public static final PredictionLogging OFF = new PredictionLogging(null, null, null);
    /**
     * The most rows one request may score while the log is on: their ids (about 21 bytes each, 30 once a process has
     * issued 2^40 of them) must fit the response header room of common clients — curl's 300 KiB for all the header
     * fields, the JDK HttpClient's 384 KiB, Python's http.client's 100 fields of at most 64 KiB each. At 100,000
     * rows the ids took 2.1 MB, which none of them reads.
     */
    public static final int MAX_ROWS = 10_000;

    static final int IDS_PER_FIELD = 1_000;

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

    /** The header's values for these rows, once they are queued for the log; none when the log is off. */
    public List<String> logged(ServedModel served, double[][] rows, double[] predictions) {
        if (log == null) {
            return List.of();
        }
        if (predictions.length > MAX_ROWS) {
            throw new InvalidInputException("a request scores at most " + MAX_ROWS + " rows while the prediction log"
                    + " is on (each row's id goes back in the " + HEADER + " header); this one has "
                    + predictions.length + ": send them in parts");
        }
        PredictionIds.Block block = ids.take(predictions.length);
        log.offer(block, served.name(), served.version(), clock.instant(), rows, predictions);
        if (block.size() <= IDS_PER_FIELD) { // the common case, without the list and blocks below
            return block.size() == 0 ? List.of() : List.of(block.joined());
        }
        List<String> fields = new ArrayList<>(predictions.length / IDS_PER_FIELD + 1);
        for (int from = 0; from < block.size(); from += IDS_PER_FIELD) {
            int size = Math.min(IDS_PER_FIELD, block.size() - from);
            fields.add(new PredictionIds.Block(block.prefix(), block.first() + from, size).joined());
        }
        return fields;
    }

    @Override
    public void close() {
        if (log != null) {
            log.close();
        }
    }
}
