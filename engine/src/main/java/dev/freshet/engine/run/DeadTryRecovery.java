package dev.freshet.engine.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;

/**
 * Tries whose process died: the queue re-delivers the job of a try that was running when its process died; the
 * processes the try left are killed ({@link TryProcesses}) and, if the task still says it is running that try, the
 * try failed ("the process running try N died") and is retried or fails, per its retries. The tries its job carried die with it, and a successor it had made ready but not yet
 * started goes to the queue.
 */
final class DeadTryRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(DeadTryRecovery.class);

    private final RunStore store;
    private final EngineSettings settings;
    private final AfterCommit afterCommit;
    private final TryCompletion completion;
    private final TryProcesses processes;

    DeadTryRecovery(
            RunStore store,
            EngineSettings settings,
            AfterCommit afterCommit,
            TryCompletion completion,
            TryProcesses processes) {
        this.store = store;
        this.settings = settings;
        this.afterCommit = afterCommit;
        this.completion = completion;
        this.processes = processes;
    }

    /** The job of {@code carrier} was in flight when its process died: it and the tries it carried died. */
    void recoverJob(TryKey carrier) {
        processes.killLeftovers(carrier);
        recoverTry(carrier);
        for (TryKey carried : store.runningCarriedBy(carrier)) {
            processes.killLeftovers(carried);
            recoverTry(carried);
        }
        TaskQueue queue = afterCommit.queue();
        for (TaskRun task : store.taskRuns(carrier.runId())) {
            TryKey waiting = new TryKey(task.runId(), task.taskId(), Math.max(1, task.tryNumber()));
            if (task.state() == TaskState.SCHEDULED && !queue.contains(waiting)) {
                LOG.info("queueing {}, made ready by the job of {} before its process died", waiting, carrier);
                afterCommit.apply(new Effects.Builder()
                        .submit(waiting, settings.clock().instant())
                        .build());
            }
        }
    }

    /** If the task still says it is running {@code key}, that try failed: it is retried or fails. */
    void recoverTry(TryKey key) {
        String workflowId = store.run(key.runId()).map(Run::workflowId).orElse(null);
        if (workflowId == null) {
            return;
        }
        afterCommit.inTransaction(tx -> {
            WorkflowLock lock = tx.lockWorkflow(workflowId);
            Run run = tx.lockRun(key.runId()).orElse(null);
            if (run == null || run.state() != RunState.RUNNING) {
                return Committed.nothing(null);
            }
            List<TaskRun> tasks = tx.taskRuns(key.runId());
            TaskRun task = TryCompletion.runningTry(tasks, key).orElse(null);
            if (task == null) {
                return Committed.nothing(null);
            }
            Instant now = settings.clock().instant();
            LOG.warn("try {} was running when its process died; failing it", key);
            TryOutcome died = TryOutcome.failure("the process running try " + key.tryNumber() + " died ("
                    + task.hostname() + "); recovered at " + now);
            return Committed.of(null, completion.complete(tx, lock, run, tasks, task, died, now));
        });
    }
}
