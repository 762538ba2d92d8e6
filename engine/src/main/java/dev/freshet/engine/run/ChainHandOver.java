package dev.freshet.engine.run;

import dev.freshet.engine.workflow.Workflow;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The common case of a chain, recorded without the workflow's lock: the try succeeded and exactly one task becomes
 * ready, which takes over the finished task's place under max_active_tasks, so the workflow's count of active tasks
 * does not change and tasks waiting for a place elsewhere lose nothing. With {@code carry}, the successor starts in
 * the same commit, carried by the queue job in flight, and runs next on the same worker.
 */
final class ChainHandOver {
    private final RunStore store;
    private final WorkflowSource workflows;
    private final EngineSettings settings;

    ChainHandOver(RunStore store, WorkflowSource workflows, EngineSettings settings) {
        this.store = store;
        this.workflows = workflows;
        this.settings = settings;
    }

    /**
     * In {@code tx}: records the success of {@code key} and hands over to its one successor. Not taken, having
     * written nothing, when the case is another one; the caller then takes the workflow's lock.
     */
    Committed<Result> attempt(RunTransaction tx, TryKey key, TryKey job, Run run, TryOutcome outcome, boolean carry) {
        // Of the run's row only the state can have changed since the try started: the rest is in hand.
        if (tx.lockRunState(key.runId()).orElse(null) != RunState.RUNNING) {
            return Committed.nothing(Result.NOT_TAKEN);
        }
        Workflow workflow = workflows.pinned(run).orElse(null);
        if (workflow == null) {
            return Committed.nothing(Result.NOT_TAKEN);
        }
        List<TaskRun> tasks = tx.taskRuns(key.runId());
        TaskRun task = TryCompletion.runningTry(tasks, key).orElse(null);
        if (task == null) {
            return Committed.nothing(Result.NOT_TAKEN);
        }
        Instant now = settings.clock().instant();
        TaskRun done = task.finished(TaskState.SUCCESS, now, outcome.result().outputs(), null);
        int[] placesAsked = {0};
        List<TaskRun> after = tasks.stream().map(t -> t == task ? done : t).toList();
        Dispatcher.Plan plan = Dispatcher.advance(workflow, after, () -> ++placesAsked[0] == 1);
        if (placesAsked[0] != 1
                || plan.toSubmit().size() != 1
                || plan.runOutcome().isPresent()) {
            return Committed.nothing(Result.NOT_TAKEN);
        }
        tx.updateTask(done);
        outcome.events().forEach(raised -> tx.appendEvent(RunEvents.raisedBy(run, task.taskId(), raised, now)));
        tx.insertTry(new TaskTry(
                task.runId(),
                task.taskId(),
                task.tryNumber(),
                TaskState.SUCCESS,
                task.startDate(),
                now,
                null,
                task.hostname()));
        Effects.Builder effects = new Effects.Builder();
        TryCompletion.recordProduced(tx, workflow, task, now, effects);
        TryKey next = plan.toSubmit().get(0);
        for (TaskRun changed : plan.changed()) {
            if (carry && changed.taskId().equals(next.taskId())) {
                // It starts in the same commit as the end of the try before it, carried by the job in flight.
                tx.startCarriedTry(changed.started(settings.clock().instant(), settings.hostname()), job);
            } else {
                tx.updateTask(changed);
            }
        }
        if (!carry) {
            return Committed.of(Result.QUEUED, effects.submit(next, now).build());
        }
        // What the successor runs with is all in hand: the run as locked, the outputs as committed — the finished
        // task's as stored, so that it sees the same values as a successor that reads them from the database.
        Map<String, Map<String, Object>> outputs = new LinkedHashMap<>();
        after.stream()
                .filter(t -> !t.outputs().isEmpty())
                .forEach(t -> outputs.put(t.taskId(), t == done ? store.asStored(t.outputs()) : t.outputs()));
        StartedTry started = new StartedTry(run, workflow.task(next.taskId()).orElseThrow(), workflow, outputs);
        return Committed.of(new Result(true, Optional.of(new CarriedTry(next, started))), effects.build());
    }

    /** Whether the hand-over was taken, and the successor to run straight away when it was carried. */
    record Result(boolean taken, Optional<CarriedTry> carried) {
        static final Result NOT_TAKEN = new Result(false, Optional.empty());
        static final Result QUEUED = new Result(true, Optional.empty());
    }
}
