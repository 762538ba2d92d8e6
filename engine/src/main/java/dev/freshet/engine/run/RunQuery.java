package dev.freshet.engine.run;

import java.util.Objects;

/** A page of runs, newest first unless the filter orders otherwise; null filters match everything. */
public record RunQuery(String workflowId, RunState state, Long experimentId, int limit, int offset, RunFilter filter) {
    public RunQuery {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be within 1..10000, was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
        Objects.requireNonNull(filter, "filter");
    }

    public RunQuery(String workflowId, RunState state, Long experimentId, int limit, int offset) {
        this(workflowId, state, experimentId, limit, offset, RunFilter.NONE);
    }

    public static RunQuery all(int limit) {
        return new RunQuery(null, null, null, limit, 0);
    }
}
