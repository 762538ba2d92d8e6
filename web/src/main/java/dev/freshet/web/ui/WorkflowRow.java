package dev.freshet.web.ui;

import dev.freshet.engine.workflow.Workflow;

import java.time.Instant;

/** One workflow on the workflows page. */
public record WorkflowRow(String id, String description, String schedule, boolean paused, String nextRun,
                          String tags, int taskCount) {

    static WorkflowRow of(Workflow workflow, boolean paused, Instant nextFire) {
        return new WorkflowRow(workflow.id(), workflow.description(),
                workflow.schedule() == null ? "manual only" : workflow.schedule().expression(), paused,
                Formats.dateTime(nextFire), String.join(", ", workflow.tags()), workflow.tasks().size());
    }
}
