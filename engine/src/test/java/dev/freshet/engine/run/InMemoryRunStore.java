package dev.freshet.engine.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.engine.events.Event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A {@link RunStore} in memory, for tests of the run core without a database. One transaction at a time (a lock over
 * the whole store stands for the row locks); a transaction that throws leaves the store as it found it. Outputs are
 * kept as JSON gives them back, as the database keeps them.
 */
public final class InMemoryRunStore implements RunStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

    private record Row(TaskRun task, TryKey carrier) {}

    private record WorkflowRow(boolean paused, boolean tasksHeldBack) {}

    private record Crossing(String model, int version, boolean crossed) {}

    /** Everything stored; copied at the start of a transaction and put back if it fails. */
    private static final class State {
        final Map<String, Run> runs = new LinkedHashMap<>();
        final Map<String, Map<String, Row>> tasks = new HashMap<>();
        final Map<String, Map<String, TaskTry>> tries = new HashMap<>();
        final Map<String, Map<String, String>> params = new HashMap<>();
        final Map<String, WorkflowRow> workflows = new HashMap<>();
        final List<DatasetEvent> datasetEvents = new ArrayList<>();
        final List<DatasetConsumption> consumptions = new ArrayList<>();
        final Map<String, Crossing> crossings = new HashMap<>();
        final List<Event> events = new ArrayList<>();
        final Map<FileClaim, String> claims = new HashMap<>();

        State copy() {
            State copy = new State();
            copy.runs.putAll(runs);
            tasks.forEach((runId, rows) -> copy.tasks.put(runId, new LinkedHashMap<>(rows)));
            tries.forEach((runId, rows) -> copy.tries.put(runId, new LinkedHashMap<>(rows)));
            params.forEach((runId, rows) -> copy.params.put(runId, new LinkedHashMap<>(rows)));
            copy.workflows.putAll(workflows);
            copy.datasetEvents.addAll(datasetEvents);
            copy.consumptions.addAll(consumptions);
            copy.crossings.putAll(crossings);
            copy.events.addAll(events);
            copy.claims.putAll(claims);
            return copy;
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private State state = new State();
    private volatile boolean failNextCommit;

    @Override
    public <T> T inTransaction(Function<RunTransaction, T> work) {
        lock.lock();
        State before = state.copy();
        try {
            T result = work.apply(new Tx());
            if (failNextCommit) {
                failNextCommit = false;
                throw new IllegalStateException("the commit failed");
            }
            return result;
        } catch (RuntimeException | Error e) {
            state = before;
            throw e;
        } finally {
            lock.unlock();
        }
    }

    private <T> T read(Function<State, T> query) {
        lock.lock();
        try {
            return query.apply(state);
        } finally {
            lock.unlock();
        }
    }

    /** The next transaction fails when it commits, after its work ran, as a commit the database refuses would. */
    public void failNextCommit() {
        failNextCommit = true;
    }

    /** The params written for a run (not part of {@link RunStore}: tracking reads them). */
    public Map<String, String> params(String runId) {
        return read(s -> Map.copyOf(s.params.getOrDefault(runId, Map.of())));
    }

    @Override
    public Optional<Run> run(String runId) {
        return read(s -> Optional.ofNullable(s.runs.get(runId)));
    }

    @Override
    public boolean startTry(TryKey key, Instant now, String hostname) {
        return inTransaction(tx -> {
            Row row = row(key.runId(), key.taskId());
            if (row == null
                    || row.task().tryNumber() != key.tryNumber()
                    || !row.task().state().canMoveTo(TaskState.RUNNING)) {
                return false;
            }
            TaskRun t = row.task();
            putRow(new Row(
                    new TaskRun(
                            t.runId(),
                            t.taskId(),
                            t.taskType(),
                            TaskState.RUNNING,
                            t.tryNumber(),
                            t.maxTries(),
                            now,
                            null,
                            null,
                            Map.of(),
                            null,
                            hostname),
                    null));
            return true;
        });
    }

    @Override
    public Optional<TryKey> carrierOf(TryKey key) {
        return read(s -> Optional.ofNullable(row(key.runId(), key.taskId()))
                .filter(r -> r.task().tryNumber() == key.tryNumber())
                .map(Row::carrier));
    }

    @Override
    public List<TryKey> runningCarriedBy(TryKey carrier) {
        return read(s -> rows(carrier.runId()).stream()
                .filter(r -> r.task().state() == TaskState.RUNNING && carrier.equals(r.carrier()))
                .map(r ->
                        new TryKey(r.task().runId(), r.task().taskId(), r.task().tryNumber()))
                .toList());
    }

    @Override
    public RunSlice runs(RunQuery query) {
        RunFilter filter = query.filter();
        return read(s -> {
            List<Run> matching = s.runs.values().stream()
                    .filter(r -> query.workflowId() == null || r.workflowId().equals(query.workflowId()))
                    .filter(r -> query.state() == null || r.state() == query.state())
                    .filter(r -> query.experimentId() == null || r.experimentId() == query.experimentId())
                    .filter(r -> filter.states().isEmpty() || filter.states().contains(r.state()))
                    .filter(r -> within(r.logicalDate(), filter.logicalDate()))
                    .filter(r -> within(r.startDate(), filter.startDate()))
                    .filter(r -> within(r.endDate(), filter.endDate()))
                    .toList();
            List<Run> sorted = new ArrayList<>(matching);
            sorted.sort(order(filter.order(), matching));
            List<Run> page =
                    sorted.stream().skip(query.offset()).limit(query.limit()).toList();
            return new RunSlice(page, matching.size());
        });
    }

    private static boolean within(Instant at, RunFilter.Range range) {
        if (!range.bounded()) {
            return true;
        }
        return at != null
                && (range.from() == null || !at.isBefore(range.from()))
                && (range.to() == null || !at.isAfter(range.to()));
    }

    /** The order of the filter, nulls last, ties in the order the runs were created (as the field's direction). */
    private static Comparator<Run> order(RunFilter.Order order, List<Run> created) {
        Map<String, Integer> seq = new HashMap<>();
        for (int i = 0; i < created.size(); i++) {
            seq.put(created.get(i).runId(), i);
        }
        boolean desc = order.descending();
        Comparator<Run> bySeq = Comparator.comparing(r -> seq.get(r.runId()));
        if (desc) {
            bySeq = bySeq.reversed();
        }
        Comparator<Run> primary = switch (order.field()) {
            case CREATED -> bySeq;
            case RUN_ID -> Comparator.comparing(Run::runId, direction(desc));
            case WORKFLOW_ID -> Comparator.comparing(Run::workflowId, direction(desc));
            case STATE -> Comparator.comparing(r -> r.state().wireName(), direction(desc));
            case LOGICAL_DATE -> Comparator.comparing(Run::logicalDate, direction(desc));
            case START_DATE -> Comparator.comparing(Run::startDate, direction(desc));
            case END_DATE -> Comparator.comparing(Run::endDate, direction(desc));
        };
        return primary.thenComparing(bySeq);
    }

    private static <T extends Comparable<? super T>> Comparator<T> direction(boolean descending) {
        return Comparator.nullsLast(descending ? Comparator.<T>reverseOrder() : Comparator.<T>naturalOrder());
    }

    @Override
    public Set<TryKey> stillRunning(Collection<TryKey> tries) {
        return read(s -> {
            Set<TryKey> running = new HashSet<>();
            for (TryKey key : tries) {
                Row row = row(key.runId(), key.taskId());
                if (row != null
                        && row.task().state() == TaskState.RUNNING
                        && row.task().tryNumber() == key.tryNumber()) {
                    running.add(key);
                }
            }
            return running;
        });
    }

    @Override
    public List<TaskRun> taskRuns(String runId) {
        return read(s -> rows(runId).stream().map(Row::task).toList());
    }

    @Override
    public Map<String, Map<String, Object>> taskOutputs(String runId) {
        return read(s -> {
            Map<String, Map<String, Object>> outputs = new LinkedHashMap<>();
            rows(runId).stream()
                    .map(Row::task)
                    .filter(t -> !t.outputs().isEmpty())
                    .forEach(t -> outputs.put(t.taskId(), t.outputs()));
            return outputs;
        });
    }

    @Override
    public List<TaskTry> tries(String runId, String taskId) {
        return read(s -> s.tries.getOrDefault(runId, Map.of()).values().stream()
                .filter(t -> t.taskId().equals(taskId))
                .sorted(Comparator.comparingInt(TaskTry::tryNumber))
                .toList());
    }

    @Override
    public Map<String, Object> asStored(Map<String, Object> outputs) {
        if (outputs == null || outputs.isEmpty()) {
            return Map.of();
        }
        try {
            return JSON.readValue(JSON.writeValueAsString(outputs), MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("outputs are not JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public boolean hasRuns(String workflowId, RunState runState) {
        return read(s -> s.runs.values().stream().anyMatch(inWorkflow(workflowId, runState)));
    }

    @Override
    public List<Run> runsEndedSince(Instant since, int limit) {
        return read(s -> s.runs.values().stream()
                .filter(r -> r.state().isTerminal()
                        && r.endDate() != null
                        && !r.endDate().isBefore(since))
                .sorted(Comparator.comparing(Run::endDate))
                .limit(limit)
                .toList());
    }

    @Override
    public List<Run> runsInState(RunState runState) {
        return read(
                s -> s.runs.values().stream().filter(r -> r.state() == runState).toList());
    }

    @Override
    public List<TaskRun> unfinishedTaskRuns(TaskState taskState) {
        return read(s -> s.runs.values().stream()
                .filter(r -> r.state() == RunState.RUNNING)
                .flatMap(r -> rows(r.runId()).stream().map(Row::task))
                .filter(t -> t.state() == taskState)
                .toList());
    }

    @Override
    public boolean isPaused(String workflowId) {
        return read(s -> s.workflows
                .getOrDefault(workflowId, new WorkflowRow(false, false))
                .paused());
    }

    @Override
    public void setPaused(String workflowId, boolean paused) {
        inTransaction(tx -> {
            WorkflowRow row = state.workflows.getOrDefault(workflowId, new WorkflowRow(false, false));
            state.workflows.put(workflowId, new WorkflowRow(paused, row.tasksHeldBack()));
            return null;
        });
    }

    private static Predicate<Run> inWorkflow(String workflowId, RunState runState) {
        return r -> r.workflowId().equals(workflowId) && r.state() == runState;
    }

    private Row row(String runId, String taskId) {
        return state.tasks.getOrDefault(runId, Map.of()).get(taskId);
    }

    private List<Row> rows(String runId) {
        return List.copyOf(state.tasks.getOrDefault(runId, Map.of()).values());
    }

    private void putRow(Row row) {
        state.tasks
                .computeIfAbsent(row.task().runId(), id -> new LinkedHashMap<>())
                .put(row.task().taskId(), row);
    }

    @Override
    public List<DatasetEvent> unconsumedDatasetEvents(String workflowId, String dataset, int limit) {
        return read(s -> s.datasetEvents.stream()
                .filter(e -> e.dataset().equals(dataset))
                .filter(e -> s.consumptions.stream()
                        .noneMatch(c ->
                                c.workflowId().equals(workflowId) && c.event().eventId() == e.eventId()))
                .limit(limit)
                .toList());
    }

    @Override
    public List<DatasetConsumption> consumedBy(String runId) {
        return read(s ->
                s.consumptions.stream().filter(c -> c.runId().equals(runId)).toList());
    }

    @Override
    public List<DatasetConsumption> startedBy(String producerRunId) {
        return read(s -> s.consumptions.stream()
                .filter(c -> c.event().runId().equals(producerRunId))
                .toList());
    }

    @Override
    public boolean rearmDecayCrossing(String workflowId, String model, int version, Instant at) {
        return inTransaction(tx -> {
            Crossing crossing = state.crossings.get(workflowId);
            if (crossing == null || !crossing.equals(new Crossing(model, version, true))) {
                return false;
            }
            state.crossings.put(workflowId, new Crossing(model, version, false));
            return true;
        });
    }

    @Override
    public List<DatasetEvent> datasetEventsOf(String runId) {
        return read(s ->
                s.datasetEvents.stream().filter(e -> e.runId().equals(runId)).toList());
    }

    /** The events committed transactions appended, oldest first. */
    public List<Event> events() {
        lock.lock();
        try {
            return List.copyOf(state.events);
        } finally {
            lock.unlock();
        }
    }

    private final class Tx implements RunTransaction {
        @Override
        public void recordDatasetEvent(String dataset, String workflowId, String runId, String taskId, Instant at) {
            state.datasetEvents.add(
                    new DatasetEvent(state.datasetEvents.size() + 1L, dataset, workflowId, runId, taskId, at));
        }

        @Override
        public boolean claimDecayCrossing(String workflowId, String model, int version, Instant at) {
            Crossing crossed = new Crossing(model, version, true);
            if (crossed.equals(state.crossings.get(workflowId))) {
                return false;
            }
            state.crossings.put(workflowId, crossed);
            return true;
        }

        @Override
        public boolean claimDatasetEvents(String workflowId, List<Long> eventIds, String runId) {
            boolean taken = state.consumptions.stream()
                    .anyMatch(c -> c.workflowId().equals(workflowId)
                            && eventIds.contains(c.event().eventId()));
            if (taken) {
                return false;
            }
            for (long eventId : eventIds) {
                DatasetEvent event = state.datasetEvents.get((int) eventId - 1);
                state.consumptions.add(new DatasetConsumption(event, workflowId, runId));
            }
            return true;
        }

        @Override
        public void appendEvent(Event event) {
            state.events.add(event);
        }

        @Override
        public WorkflowLock lockWorkflow(String workflowId) {
            WorkflowRow row = state.workflows.computeIfAbsent(workflowId, id -> new WorkflowRow(false, false));
            return new WorkflowLock(workflowId, row.tasksHeldBack());
        }

        @Override
        public Optional<Run> lockRun(String runId) {
            return Optional.ofNullable(state.runs.get(runId));
        }

        @Override
        public Optional<RunState> lockRunState(String runId) {
            return lockRun(runId).map(Run::state);
        }

        @Override
        public boolean runExists(String runId) {
            return state.runs.containsKey(runId);
        }

        @Override
        public void insertRun(Run run, List<TaskRun> tasks) {
            if (state.runs.containsKey(run.runId())) {
                throw new IllegalStateException("run " + run.runId() + " is stored already");
            }
            state.runs.put(run.runId(), run);
            state.tasks.put(run.runId(), new LinkedHashMap<>());
            tasks.forEach(t -> putRow(new Row(stored(t), null)));
        }

        @Override
        public void updateRun(Run run) {
            Run stored = state.runs.get(run.runId());
            if (stored != null) {
                state.runs.put(
                        run.runId(),
                        new Run(
                                stored.runId(),
                                stored.workflowId(),
                                stored.experimentId(),
                                run.state(),
                                stored.runType(),
                                stored.triggeredBy(),
                                stored.conf(),
                                stored.params(),
                                run.workflowHash(),
                                stored.logicalDate(),
                                stored.dataIntervalStart(),
                                stored.dataIntervalEnd(),
                                stored.queuedAt(),
                                run.startDate(),
                                run.endDate(),
                                stored.note()));
            }
        }

        @Override
        public List<TaskRun> taskRuns(String runId) {
            return rows(runId).stream().map(Row::task).toList();
        }

        @Override
        public void updateTask(TaskRun task) {
            Row row = row(task.runId(), task.taskId());
            if (row != null) {
                putRow(new Row(stored(task), row.carrier()));
            }
        }

        @Override
        public void insertTry(TaskTry taskTry) {
            Map<String, TaskTry> tries = state.tries.computeIfAbsent(taskTry.runId(), id -> new LinkedHashMap<>());
            String id = taskTry.taskId() + "/" + taskTry.tryNumber();
            if (tries.putIfAbsent(id, taskTry) != null) {
                throw new IllegalStateException("try " + taskTry.runId() + "/" + id + " is stored already");
            }
        }

        @Override
        public List<Run> runsOf(String workflowId, RunState runState) {
            return state.runs.values().stream()
                    .filter(inWorkflow(workflowId, runState))
                    .toList();
        }

        @Override
        public int countRuns(String workflowId, RunState runState) {
            return runsOf(workflowId, runState).size();
        }

        @Override
        public void startCarriedTry(TaskRun running, TryKey carrier) {
            if (running.state() != TaskState.RUNNING || !carrier.runId().equals(running.runId())) {
                throw new IllegalArgumentException(
                        "task " + running.taskId() + " (" + running.state().wireName() + ") of run " + running.runId()
                                + " cannot be carried by " + carrier);
            }
            if (row(running.runId(), running.taskId()) != null) {
                putRow(new Row(stored(running), carrier));
            }
        }

        @Override
        public boolean isClaimed(FileClaim claim) {
            return state.claims.containsKey(claim);
        }

        @Override
        public void insertClaim(FileClaim claim, String runId, Instant at) {
            if (state.claims.putIfAbsent(claim, runId) != null) {
                throw new IllegalStateException("already claimed: " + claim);
            }
        }

        @Override
        public void putParam(String runId, String key, String value) {
            state.params.computeIfAbsent(runId, id -> new LinkedHashMap<>()).put(key, value);
        }

        @Override
        public int activeTaskCount(String workflowId) {
            return (int) state.runs.values().stream()
                    .filter(inWorkflow(workflowId, RunState.RUNNING))
                    .flatMap(r -> rows(r.runId()).stream().map(Row::task))
                    .filter(t -> t.state() == TaskState.SCHEDULED || t.state() == TaskState.RUNNING)
                    .count();
        }

        @Override
        public void setTasksHeldBack(String workflowId, boolean heldBack) {
            WorkflowRow row = state.workflows.getOrDefault(workflowId, new WorkflowRow(false, false));
            state.workflows.put(workflowId, new WorkflowRow(row.paused(), heldBack));
        }
    }

    /** The task as it reads back: its outputs as JSON gives them. */
    private TaskRun stored(TaskRun t) {
        return new TaskRun(
                t.runId(),
                t.taskId(),
                t.taskType(),
                t.state(),
                t.tryNumber(),
                t.maxTries(),
                t.startDate(),
                t.endDate(),
                t.nextTryAt(),
                asStored(t.outputs()),
                t.error(),
                t.hostname());
    }
}
