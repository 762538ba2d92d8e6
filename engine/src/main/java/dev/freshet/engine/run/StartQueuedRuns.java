package dev.freshet.engine.run;

import dev.freshet.engine.workflow.Workflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;

/** Starts a workflow's queued runs, oldest first, while it has fewer than max_active_runs running. */
final class StartQueuedRuns {
    private static final Logger LOG = LoggerFactory.getLogger(StartQueuedRuns.class);

    private final RunStore store;
    private final WorkflowSource workflows;
    private final EngineSettings settings;
    private final AfterCommit afterCommit;

    StartQueuedRuns(RunStore store, WorkflowSource workflows, EngineSettings settings, AfterCommit afterCommit) {
        this.store = store;
        this.workflows = workflows;
        this.settings = settings;
        this.afterCommit = afterCommit;
    }

    /**
     * In a transaction of its own. Called after a commit that ended or started runs; with no queued run committed it
     * takes no lock: a trigger queues a run only under the workflow's lock, after the caller's commit, so it saw that
     * commit and needs nothing started.
     */
    void of(String workflowId) {
        Workflow workflow = workflows.workflow(workflowId).orElse(null);
        if (workflow == null || !afterCommit.isConnected() || !store.hasRuns(workflowId, RunState.QUEUED)) {
            return;
        }
        afterCommit.inTransaction(tx -> {
            Effects.Builder effects = new Effects.Builder();
            in(tx, tx.lockWorkflow(workflowId), workflow, effects);
            return Committed.of(null, effects.build());
        });
    }

    /** In the caller's transaction, which holds the workflow's lock. */
    void in(RunTransaction tx, WorkflowLock lock, Workflow workflow, Effects.Builder effects) {
        List<Run> queuedRuns = tx.runsOf(workflow.id(), RunState.QUEUED);
        if (queuedRuns.isEmpty()) {
            return;
        }
        int running = tx.countRuns(workflow.id(), RunState.RUNNING);
        RunAdvancer advancer = new RunAdvancer(tx, workflow, workflows, lock, effects);
        for (Run queued : queuedRuns) {
            if (running >= workflow.maxActiveRuns()) {
                break;
            }
            Run locked = tx.lockRun(queued.runId())
                    .filter(r -> r.state() == RunState.QUEUED)
                    .orElse(null);
            if (locked == null) {
                continue;
            }
            Instant now = settings.clock().instant();
            Run started = locked.moveTo(RunState.RUNNING, now);
            tx.updateRun(started);
            if (!advancer.advance(started, tx.taskRuns(started.runId()), now)
                    .state()
                    .isTerminal()) {
                running++;
            }
            LOG.debug("run {} of {} started", queued.runId(), workflow.id());
        }
        advancer.finish();
    }
}
