package dev.freshet.engine.run;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What a list of runs may be narrowed and ordered by beyond workflow, state and experiment: any of several states,
 * inclusive ranges of the logical, start and end dates, and the order. {@link #NONE} narrows nothing, newest first.
 */
public record RunFilter(Set<RunState> states, Range logicalDate, Range startDate, Range endDate, Order order) {
    public static final RunFilter NONE = new RunFilter(Set.of(), Range.ANY, Range.ANY, Range.ANY, Order.NEWEST_FIRST);

    public RunFilter {
        states = Set.copyOf(states);
        Objects.requireNonNull(logicalDate, "logicalDate");
        Objects.requireNonNull(startDate, "startDate");
        Objects.requireNonNull(endDate, "endDate");
        Objects.requireNonNull(order, "order");
    }

    /** An inclusive range of instants; a null end is open. A run with no such date is outside any bounded range. */
    public record Range(Instant from, Instant to) {
        public static final Range ANY = new Range(null, null);

        public boolean bounded() {
            return from != null || to != null;
        }
    }

    /** The field runs are sorted by; ties are broken by the order runs were created in. */
    public enum Field {
        CREATED,
        RUN_ID,
        WORKFLOW_ID,
        STATE,
        LOGICAL_DATE,
        START_DATE,
        END_DATE
    }

    public record Order(Field field, boolean descending) {
        public static final Order NEWEST_FIRST = new Order(Field.CREATED, true);

        public Order {
            Objects.requireNonNull(field, "field");
        }
    }
}
