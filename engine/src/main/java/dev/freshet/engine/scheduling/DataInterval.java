package dev.freshet.engine.scheduling;

import dev.freshet.engine.error.InvalidInputException;

import java.time.Instant;
import java.util.Objects;

/**
 * The span of time a scheduled run processes, [start, end). As in Airflow, the run's logical date is the start, and
 * the run is triggered once the interval is over, at the end (the schedule's next fire time).
 */
public record DataInterval(Instant start, Instant end) {
    public DataInterval {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new InvalidInputException("data interval ends (" + end + ") before it starts (" + start + ")");
        }
    }

    public Instant logicalDate() {
        return start;
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
