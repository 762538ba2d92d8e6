package dev.freshet.engine.run;

import java.util.Objects;

/** A run that a dataset event started: the lineage between a producing run and a consuming one. */
public record DatasetConsumption(DatasetEvent event, String workflowId, String runId) {
    public DatasetConsumption {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(workflowId, "workflowId");
        Objects.requireNonNull(runId, "runId");
    }
}
