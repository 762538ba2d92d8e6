package dev.freshet.web.api;

import dev.freshet.engine.Engine;
import dev.freshet.engine.error.NotFoundException;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunQuery;
import dev.freshet.engine.workflow.Workflow;

/** Finds a DAG, or a run that must belong to a given DAG, with 404s that name what is missing. */
final class DagLookup {
    private final Engine engine;

    DagLookup(Engine engine) {
        this.engine = engine;
    }

    Workflow dag(String dagId) {
        return engine.workflow(dagId).orElseThrow(() -> new NotFoundException("dag '" + dagId + "' does not exist"));
    }

    /**
     * A run of the DAG; the runs of a DAG whose file was removed stay readable. A 404 names the DAG when it has
     * neither a definition nor the run.
     */
    Run run(String dagId, String runId) {
        Run run;
        try {
            run = engine.runs().run(runId);
        } catch (NotFoundException e) {
            dag(dagId);
            throw e;
        }
        if (!run.workflowId().equals(dagId)) {
            dag(dagId);
            throw new NotFoundException("dag run '" + runId + "' does not exist in dag '" + dagId + "'");
        }
        return run;
    }

    /** The id of a DAG that is defined now, or that was removed but has runs to read. */
    String dagWithHistory(String dagId) {
        if (engine.workflow(dagId).isEmpty()
                && engine.runs()
                        .runs(new RunQuery(dagId, null, null, 1, 0))
                        .runs()
                        .isEmpty()) {
            dag(dagId);
        }
        return dagId;
    }
}
