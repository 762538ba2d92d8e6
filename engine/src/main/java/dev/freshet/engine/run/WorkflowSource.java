package dev.freshet.engine.run;

import dev.freshet.engine.workflow.Workflow;

import java.util.Optional;

/** Where the engine finds a workflow's current definition. */
@FunctionalInterface
public interface WorkflowSource {
    Optional<Workflow> workflow(String workflowId);
}
