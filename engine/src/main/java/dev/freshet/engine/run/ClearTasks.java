package dev.freshet.engine.run;

import dev.freshet.engine.error.ConflictException;
import dev.freshet.engine.error.NotFoundException;
import dev.freshet.engine.workflow.TaskSpec;
import dev.freshet.engine.workflow.Workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Clears tasks of a run, and their downstream when asked, so they run again with new try numbers; or previews it. */
final class ClearTasks {
    private final RunStore store;
    private final WorkflowSource workflows;
    private final EngineSettings settings;
    private final AfterCommit afterCommit;
    private final StartQueuedRuns queued;

    ClearTasks(
            RunStore store,
            WorkflowSource workflows,
            EngineSettings settings,
            AfterCommit afterCommit,
            StartQueuedRuns queued) {
        this.store = store;
        this.workflows = workflows;
        this.settings = settings;
        this.afterCommit = afterCommit;
        this.queued = queued;
    }

    /** A finished run goes back to queued; a task running or scheduled cannot be cleared. */
    List<TaskRun> clear(Run run, Collection<String> taskIds, boolean downstream) {
        String runId = run.runId();
        Workflow workflow = workflowForClear(run);
        Set<String> selected = select(workflow, taskIds, downstream);
        List<TaskRun> cleared = afterCommit.inTransaction(tx -> {
            Effects.Builder effects = new Effects.Builder();
            WorkflowLock lock = tx.lockWorkflow(workflow.id());
            Run locked = tx.lockRun(runId).orElseThrow();
            List<TaskRun> result = new ArrayList<>();
            for (TaskRun task : tx.taskRuns(runId)) {
                if (!selected.contains(task.taskId())) {
                    continue;
                }
                if (task.state() == TaskState.RUNNING || task.state() == TaskState.SCHEDULED) {
                    throw new ConflictException("task '" + task.taskId() + "' of run '" + runId + "' is "
                            + task.state().wireName() + "; cancel the run or wait for it before clearing");
                }
                if (task.state() == TaskState.NONE) {
                    continue;
                }
                int retries =
                        workflow.task(task.taskId()).orElseThrow().retryPolicy().retries();
                TaskRun reset = task.cleared(retries);
                tx.updateTask(reset);
                result.add(reset);
            }
            if (!result.isEmpty()) {
                Instant now = settings.clock().instant();
                Run repinned = locked.pinnedTo(workflow.sourceHash());
                if (locked.state().isTerminal()) {
                    tx.updateRun(repinned.moveTo(RunState.QUEUED, now));
                } else if (locked.state() == RunState.RUNNING) {
                    tx.updateRun(repinned);
                    RunAdvancer advancer = new RunAdvancer(tx, workflow, workflows, lock, effects);
                    advancer.advance(repinned, tx.taskRuns(runId), now);
                    advancer.finish();
                }
            }
            return Committed.of(result, effects.build());
        });
        queued.of(workflow.id());
        return cleared;
    }

    /** What {@link #clear} would reset, changing nothing: the selected tasks that have a status, as they are now. */
    List<TaskRun> preview(Run run, Collection<String> taskIds, boolean downstream) {
        Workflow workflow = workflowForClear(run);
        Set<String> selected = select(workflow, taskIds, downstream);
        // in the workflow's order: the store's rows come in no defined order (on PostgreSQL, not the insertion order)
        List<String> declared = workflow.tasks().stream().map(TaskSpec::id).toList();
        return store.taskRuns(run.runId()).stream()
                .filter(task -> selected.contains(task.taskId()) && task.state() != TaskState.NONE)
                .sorted(Comparator.comparingInt(task -> declared.indexOf(task.taskId())))
                .toList();
    }

    /**
     * The version a clear runs the tasks again with, and pins the run to: the workflow's current version when it has
     * the same tasks as the run's own (a fixed command, say: fixing the file and clearing the task reruns it with the
     * fix), else the run's own version, whose tasks the run has.
     */
    private Workflow workflowForClear(Run run) {
        Workflow own = workflows
                .pinned(run)
                .orElseThrow(() -> new NotFoundException("workflow '" + run.workflowId() + "' of run '" + run.runId()
                        + "' no longer exists or its version can no longer be read"));
        Workflow current = workflows.workflow(run.workflowId()).orElse(null);
        if (current == null || !taskIds(current).equals(taskIds(own))) {
            return own;
        }
        return current;
    }

    private static Set<String> taskIds(Workflow workflow) {
        Set<String> ids = new LinkedHashSet<>();
        workflow.tasks().forEach(task -> ids.add(task.id()));
        return ids;
    }

    private static Set<String> select(Workflow workflow, Collection<String> taskIds, boolean downstream) {
        Set<String> selected = new LinkedHashSet<>();
        for (String taskId : taskIds) {
            workflow.task(taskId)
                    .orElseThrow(() ->
                            new NotFoundException("workflow '" + workflow.id() + "' has no task '" + taskId + "'"));
            selected.add(taskId);
            if (downstream) {
                collectDownstream(workflow, taskId, selected);
            }
        }
        return selected;
    }

    private static void collectDownstream(Workflow workflow, String taskId, Set<String> into) {
        for (var child : workflow.downstream(taskId)) {
            if (into.add(child.id())) {
                collectDownstream(workflow, child.id(), into);
            }
        }
    }
}
