package dev.freshet.engine.run;

/** Which experiment a new run records into: the one asked for, or else the workflow's own. */
@FunctionalInterface
public interface RunExperiments {
    long experimentFor(String workflowId, Long requestedId);
}
