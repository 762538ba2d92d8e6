package dev.freshet.engine.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** At start-up, puts back what a crash or an unfinished hand-over left: lost tries, running tries with no job. */
final class RecoverLostTries {
    private static final Logger LOG = LoggerFactory.getLogger(RecoverLostTries.class);

    private final RunStore store;
    private final EngineSettings settings;
    private final AfterCommit afterCommit;
    private final TaskRunner runner;
    private final StartQueuedRuns queued;

    RecoverLostTries(
            RunStore store,
            EngineSettings settings,
            AfterCommit afterCommit,
            TaskRunner runner,
            StartQueuedRuns queued) {
        this.store = store;
        this.settings = settings;
        this.afterCommit = afterCommit;
        this.runner = runner;
        this.queued = queued;
    }

    /**
     * Tries marked scheduled or up_for_retry that the queue does not hold are submitted again, a try running with
     * neither its own job nor its carrier's is recovered as dead, and queued runs start when there is room.
     */
    void recover() {
        TaskQueue queue = afterCommit.queue();
        Instant now = settings.clock().instant();
        for (TaskState state : List.of(TaskState.SCHEDULED, TaskState.UP_FOR_RETRY)) {
            for (TaskRun task : store.unfinishedTaskRuns(state)) {
                TryKey key = new TryKey(task.runId(), task.taskId(), task.tryNumber());
                if (!queue.contains(key)) {
                    LOG.info("resubmitting {} ({}), which the queue had lost", key, state.wireName());
                    afterCommit.apply(new Effects.Builder()
                            .submit(key, task.nextTryAt() == null ? now : task.nextTryAt())
                            .build());
                }
            }
        }
        for (TaskRun task : store.unfinishedTaskRuns(TaskState.RUNNING)) {
            TryKey key = new TryKey(task.runId(), task.taskId(), task.tryNumber());
            if (queue.contains(key)) {
                continue;
            }
            Optional<TryKey> carrier = store.carrierOf(key);
            if (carrier.isPresent() && queue.contains(carrier.get())) {
                continue; // the carrier's job is in flight or will be recovered, and recovers this try with it
            }
            LOG.warn("try {} was running with no job behind it; recovering it", key);
            runner.execute(key, true);
        }
        store.runsInState(RunState.QUEUED).stream()
                .map(Run::workflowId)
                .distinct()
                .forEach(queued::of);
    }
}
