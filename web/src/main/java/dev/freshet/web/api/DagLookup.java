package dev.freshet.web.api;

import dev.freshet.engine.Engine;
import dev.freshet.engine.NotFoundException;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.workflow.Workflow;

/** Finds a DAG, or a run that must belong to a given DAG, with 404s that name what is missing. */
final class DagLookup {
    private final Engine engine;

    DagLookup(Engine engine) {
        this.engine = engine;
    }

    Workflow dag(String dagId) {
        return engine.workflow(dagId)
                .orElseThrow(() -> new NotFoundException("dag '" + dagId + "' does not exist"));
    }

    Run run(String dagId, String runId) {
        dag(dagId);
        Run run = engine.runs().run(runId);
        if (!run.workflowId().equals(dagId)) {
            throw new NotFoundException("dag run '" + runId + "' does not exist in dag '" + dagId + "'");
        }
        return run;
    }
}
