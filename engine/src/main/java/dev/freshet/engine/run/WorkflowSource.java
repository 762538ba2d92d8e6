package dev.freshet.engine.run;

import dev.freshet.engine.workflow.Workflow;

import java.util.Optional;

/** Where the engine finds a workflow's current definition, and the definition a run is pinned to. */
@FunctionalInterface
public interface WorkflowSource {
    Optional<Workflow> workflow(String workflowId);

    /**
     * The definition {@code run} started with (its {@link Run#workflowHash()}), which every task of the run follows
     * whatever the folder says by now; empty when that version can no longer be read. This default, for sources that
     * keep no versions, answers the current definition.
     */
    default Optional<Workflow> pinned(Run run) {
        return workflow(run.workflowId());
    }
}
