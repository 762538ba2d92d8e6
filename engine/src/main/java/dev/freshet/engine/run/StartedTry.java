package dev.freshet.engine.run;

import dev.freshet.engine.workflow.TaskSpec;
import dev.freshet.engine.workflow.Workflow;

import java.util.Map;

/**
 * A try marked running, with what it runs with: its run, its task's spec and workflow (null when the workflow no
 * longer defines it) and the outputs of the run's tasks that have any.
 */
record StartedTry(Run run, TaskSpec spec, Workflow workflow, Map<String, Map<String, Object>> upstreamOutputs) {}
