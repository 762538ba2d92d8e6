package dev.freshet.engine.store;

import dev.freshet.engine.events.Event;
import dev.freshet.engine.run.DatasetConsumption;
import dev.freshet.engine.run.DatasetEvent;
import dev.freshet.engine.run.FileClaim;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunFilter;
import dev.freshet.engine.run.RunQuery;
import dev.freshet.engine.run.RunSlice;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.RunStore;
import dev.freshet.engine.run.RunTransaction;
import dev.freshet.engine.run.RunType;
import dev.freshet.engine.run.TaskRun;
import dev.freshet.engine.run.TaskState;
import dev.freshet.engine.run.TaskTry;
import dev.freshet.engine.run.TryKey;
import dev.freshet.engine.run.WorkflowLock;
import dev.freshet.engine.store.generated.tables.records.RunsRecord;
import dev.freshet.engine.store.generated.tables.records.TaskRunsRecord;
import dev.freshet.engine.store.generated.tables.records.TaskTriesRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertSetMoreStep;
import org.jooq.SortField;
import org.jooq.impl.DSL;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.freshet.engine.store.generated.Tables.FILE_CLAIMS;
import static dev.freshet.engine.store.generated.Tables.RUNS;
import static dev.freshet.engine.store.generated.Tables.TASK_RUNS;
import static dev.freshet.engine.store.generated.Tables.TASK_TRIES;
import static dev.freshet.engine.store.generated.Tables.WORKFLOWS;

/** Runs, task runs and tries in our tables, through jOOQ. */
public final class JooqRunStore implements RunStore {
    private static final int TASK_ROWS_PER_INSERT = 200;

    private final DSLContext dsl;
    private final Clock clock;

    public JooqRunStore(Database database, Clock clock) {
        this.dsl = database.dsl();
        this.clock = clock;
    }

    @Override
    public <T> T inTransaction(Function<RunTransaction, T> work) {
        return dsl.transactionResult(cfg -> work.apply(new Tx(DSL.using(cfg))));
    }

    @Override
    public Optional<Run> run(String runId) {
        return dsl.selectFrom(RUNS).where(RUNS.RUN_ID.eq(runId)).fetchOptional().map(JooqRunStore::toRun);
    }

    @Override
    public boolean startTry(TryKey key, Instant now, String hostname) {
        return start(dsl, key, now, hostname);
    }

    @Override
    public Optional<TryKey> carrierOf(TryKey key) {
        return dsl.select(TASK_RUNS.CARRIER_TASK_ID, TASK_RUNS.CARRIER_TRY_NUMBER)
                .from(TASK_RUNS)
                .where(
                        TASK_RUNS.RUN_ID.eq(key.runId()),
                        TASK_RUNS.TASK_ID.eq(key.taskId()),
                        TASK_RUNS.TRY_NUMBER.eq(key.tryNumber()),
                        TASK_RUNS.CARRIER_TASK_ID.isNotNull())
                .fetchOptional()
                .map(r -> new TryKey(key.runId(), r.value1(), r.value2()));
    }

    @Override
    public List<TryKey> runningCarriedBy(TryKey carrier) {
        return dsl.select(TASK_RUNS.TASK_ID, TASK_RUNS.TRY_NUMBER)
                .from(TASK_RUNS)
                .where(
                        TASK_RUNS.RUN_ID.eq(carrier.runId()),
                        TASK_RUNS.STATE.eq(TaskState.RUNNING.wireName()),
                        TASK_RUNS.CARRIER_TASK_ID.eq(carrier.taskId()),
                        TASK_RUNS.CARRIER_TRY_NUMBER.eq(carrier.tryNumber()))
                .fetch(r -> new TryKey(carrier.runId(), r.value1(), r.value2()));
    }

    private static boolean start(DSLContext dsl, TryKey key, Instant now, String hostname) {
        List<String> waiting = Arrays.stream(TaskState.values())
                .filter(s -> s.canMoveTo(TaskState.RUNNING))
                .map(TaskState::wireName)
                .toList();
        return dsl.update(TASK_RUNS)
                        .set(TASK_RUNS.STATE, TaskState.RUNNING.wireName())
                        .setNull(TASK_RUNS.CARRIER_TASK_ID)
                        .setNull(TASK_RUNS.CARRIER_TRY_NUMBER)
                        .set(TASK_RUNS.START_DATE, Times.db(now))
                        .setNull(TASK_RUNS.END_DATE)
                        .setNull(TASK_RUNS.NEXT_TRY_AT)
                        .set(TASK_RUNS.OUTPUTS, "{}")
                        .setNull(TASK_RUNS.ERROR)
                        .set(TASK_RUNS.HOSTNAME, hostname)
                        .where(
                                TASK_RUNS.RUN_ID.eq(key.runId()),
                                TASK_RUNS.TASK_ID.eq(key.taskId()),
                                TASK_RUNS.TRY_NUMBER.eq(key.tryNumber()),
                                TASK_RUNS.STATE.in(waiting))
                        .execute()
                == 1;
    }

    @Override
    public Set<TryKey> stillRunning(Collection<TryKey> tries) {
        if (tries.isEmpty()) {
            return Set.of();
        }
        Set<String> runIds = tries.stream().map(TryKey::runId).collect(Collectors.toSet());
        Set<TryKey> running = new HashSet<>();
        dsl.select(TASK_RUNS.RUN_ID, TASK_RUNS.TASK_ID, TASK_RUNS.TRY_NUMBER)
                .from(TASK_RUNS)
                .where(TASK_RUNS.RUN_ID.in(runIds), TASK_RUNS.STATE.eq(TaskState.RUNNING.wireName()))
                .forEach(r -> running.add(new TryKey(r.value1(), r.value2(), r.value3())));
        running.retainAll(tries);
        return running;
    }

    @Override
    public RunSlice runs(RunQuery query) {
        List<Condition> where = new ArrayList<>();
        if (query.workflowId() != null) {
            where.add(RUNS.WORKFLOW_ID.eq(query.workflowId()));
        }
        if (query.state() != null) {
            where.add(RUNS.STATE.eq(query.state().wireName()));
        }
        if (query.experimentId() != null) {
            where.add(RUNS.EXPERIMENT_ID.eq(query.experimentId()));
        }
        RunFilter filter = query.filter();
        if (!filter.states().isEmpty()) {
            where.add(RUNS.STATE.in(
                    filter.states().stream().map(RunState::wireName).toList()));
        }
        where.add(within(RUNS.LOGICAL_DATE, filter.logicalDate()));
        where.add(within(RUNS.START_DATE, filter.startDate()));
        where.add(within(RUNS.END_DATE, filter.endDate()));
        Condition condition = DSL.and(where);
        long total = dsl.selectCount().from(RUNS).where(condition).fetchOne(0, Long.class);
        List<Run> runs = dsl.selectFrom(RUNS)
                .where(condition)
                .orderBy(orderBy(filter.order()))
                .limit(query.limit())
                .offset(query.offset())
                .fetch(JooqRunStore::toRun);
        return new RunSlice(runs, total);
    }

    private static Condition within(Field<OffsetDateTime> column, RunFilter.Range range) {
        Condition condition = DSL.noCondition();
        if (range.from() != null) {
            condition = condition.and(column.ge(Times.db(range.from())));
        }
        if (range.to() != null) {
            condition = condition.and(column.le(Times.db(range.to())));
        }
        return condition;
    }

    private static List<SortField<?>> orderBy(RunFilter.Order order) {
        Field<?> field = switch (order.field()) {
            case CREATED -> RUNS.SEQ;
            case RUN_ID -> RUNS.RUN_ID;
            case WORKFLOW_ID -> RUNS.WORKFLOW_ID;
            case STATE -> RUNS.STATE;
            case LOGICAL_DATE -> RUNS.LOGICAL_DATE;
            case START_DATE -> RUNS.START_DATE;
            case END_DATE -> RUNS.END_DATE;
        };
        SortField<?> primary =
                order.descending() ? field.desc().nullsLast() : field.asc().nullsLast();
        return field == RUNS.SEQ
                ? List.of(primary)
                : List.of(primary, order.descending() ? RUNS.SEQ.desc() : RUNS.SEQ.asc());
    }

    @Override
    public List<TaskRun> taskRuns(String runId) {
        return new Tx(dsl).taskRuns(runId);
    }

    @Override
    public Map<String, Map<String, Object>> taskOutputs(String runId) {
        Map<String, Map<String, Object>> outputs = new LinkedHashMap<>();
        dsl.select(TASK_RUNS.TASK_ID, TASK_RUNS.OUTPUTS)
                .from(TASK_RUNS)
                .where(TASK_RUNS.RUN_ID.eq(runId), TASK_RUNS.OUTPUTS.ne("{}"))
                .forEach(r -> outputs.put(r.value1(), Json.read(r.value2())));
        return outputs;
    }

    @Override
    public List<TaskTry> tries(String runId, String taskId) {
        return dsl.selectFrom(TASK_TRIES)
                .where(TASK_TRIES.RUN_ID.eq(runId), TASK_TRIES.TASK_ID.eq(taskId))
                .orderBy(TASK_TRIES.TRY_NUMBER)
                .fetch(JooqRunStore::toTry);
    }

    @Override
    public Map<String, Object> asStored(Map<String, Object> outputs) {
        return Json.read(Json.write(outputs));
    }

    @Override
    public boolean hasRuns(String workflowId, RunState state) {
        return dsl.fetchExists(RUNS, RUNS.WORKFLOW_ID.eq(workflowId), RUNS.STATE.eq(state.wireName()));
    }

    @Override
    public List<Run> runsEndedSince(Instant since, int limit) {
        return dsl.selectFrom(RUNS)
                .where(RUNS.END_DATE.ge(Times.db(since)))
                .and(RUNS.STATE.in(RunState.SUCCESS.wireName(), RunState.FAILED.wireName()))
                .orderBy(RUNS.END_DATE, RUNS.SEQ)
                .limit(limit)
                .fetch(JooqRunStore::toRun);
    }

    @Override
    public List<Run> runsInState(RunState state) {
        return dsl.selectFrom(RUNS)
                .where(RUNS.STATE.eq(state.wireName()))
                .orderBy(RUNS.SEQ)
                .fetch(JooqRunStore::toRun);
    }

    @Override
    public List<TaskRun> unfinishedTaskRuns(TaskState state) {
        return dsl.select(TASK_RUNS.fields())
                .from(TASK_RUNS)
                .join(RUNS)
                .on(RUNS.RUN_ID.eq(TASK_RUNS.RUN_ID))
                .where(TASK_RUNS.STATE.eq(state.wireName()), RUNS.STATE.eq(RunState.RUNNING.wireName()))
                .fetchInto(TASK_RUNS)
                .map(JooqRunStore::toTaskRun);
    }

    @Override
    public boolean isPaused(String workflowId) {
        return dsl.select(WORKFLOWS.IS_PAUSED)
                .from(WORKFLOWS)
                .where(WORKFLOWS.WORKFLOW_ID.eq(workflowId))
                .fetchOptional(WORKFLOWS.IS_PAUSED)
                .orElse(false);
    }

    @Override
    public void setPaused(String workflowId, boolean paused) {
        dsl.transaction(cfg -> {
            Tx tx = new Tx(DSL.using(cfg));
            tx.lockWorkflow(workflowId);
            tx.dsl
                    .update(WORKFLOWS)
                    .set(WORKFLOWS.IS_PAUSED, paused)
                    .set(WORKFLOWS.UPDATED_AT, Times.db(clock.instant()))
                    .where(WORKFLOWS.WORKFLOW_ID.eq(workflowId))
                    .execute();
        });
    }

    @Override
    public List<DatasetEvent> unconsumedDatasetEvents(String workflowId, String dataset, int limit) {
        return DatasetEventRows.unconsumed(dsl, workflowId, dataset, limit);
    }

    @Override
    public List<DatasetConsumption> consumedBy(String runId) {
        return DatasetEventRows.consumedBy(dsl, runId);
    }

    @Override
    public List<DatasetConsumption> startedBy(String producerRunId) {
        return DatasetEventRows.startedBy(dsl, producerRunId);
    }

    @Override
    public boolean rearmDecayCrossing(String workflowId, String model, int version, Instant at) {
        return DecayCrossingRows.rearm(dsl, workflowId, model, version, at);
    }

    @Override
    public List<DatasetEvent> datasetEventsOf(String runId) {
        return DatasetEventRows.eventsOf(dsl, runId);
    }

    private final class Tx implements RunTransaction {
        private final DSLContext dsl;

        Tx(DSLContext dsl) {
            this.dsl = dsl;
        }

        @Override
        public void appendEvent(Event event) {
            OutboxRows.insert(dsl, event);
        }

        @Override
        public WorkflowLock lockWorkflow(String workflowId) {
            Optional<Boolean> heldBack = selectForUpdate(workflowId);
            if (heldBack.isEmpty()) {
                InsertRace.ignore(() -> dsl.insertInto(
                                WORKFLOWS, WORKFLOWS.WORKFLOW_ID, WORKFLOWS.IS_PAUSED, WORKFLOWS.UPDATED_AT)
                        .values(workflowId, false, Times.db(clock.instant()))
                        .onDuplicateKeyIgnore()
                        .execute());
                heldBack = selectForUpdate(workflowId);
            }
            return new WorkflowLock(workflowId, heldBack.orElseThrow());
        }

        private Optional<Boolean> selectForUpdate(String workflowId) {
            return dsl.select(WORKFLOWS.TASKS_HELD_BACK)
                    .from(WORKFLOWS)
                    .where(WORKFLOWS.WORKFLOW_ID.eq(workflowId))
                    .forUpdate()
                    .fetchOptional(WORKFLOWS.TASKS_HELD_BACK);
        }

        @Override
        public Optional<Run> lockRun(String runId) {
            return dsl.selectFrom(RUNS)
                    .where(RUNS.RUN_ID.eq(runId))
                    .forUpdate()
                    .fetchOptional()
                    .map(JooqRunStore::toRun);
        }

        @Override
        public Optional<RunState> lockRunState(String runId) {
            return dsl.select(RUNS.STATE)
                    .from(RUNS)
                    .where(RUNS.RUN_ID.eq(runId))
                    .forUpdate()
                    .fetchOptional(RUNS.STATE)
                    .map(RunState::fromWire);
        }

        @Override
        public boolean runExists(String runId) {
            return dsl.fetchExists(RUNS, RUNS.RUN_ID.eq(runId));
        }

        @Override
        public void insertRun(Run run, List<TaskRun> tasks) {
            RunsRecord record = dsl.newRecord(RUNS);
            fill(record, run);
            record.insert();
            if (tasks.isEmpty()) {
                return;
            }
            // Multi-row inserts: a run of 20 tasks is one statement, not 20; a run of 1,000 is a few, each well
            // within the bind parameters a statement may have (PostgreSQL 32,767, H2 100,000).
            for (int from = 0; from < tasks.size(); from += TASK_ROWS_PER_INSERT) {
                InsertSetMoreStep<TaskRunsRecord> insert = null;
                for (int i = from; i < Math.min(tasks.size(), from + TASK_ROWS_PER_INSERT); i++) {
                    TaskRunsRecord taskRecord = dsl.newRecord(TASK_RUNS);
                    fill(taskRecord, tasks.get(i));
                    taskRecord.setTaskOrdinal(i);
                    insert = insert == null
                            ? dsl.insertInto(TASK_RUNS).set(taskRecord)
                            : insert.newRecord().set(taskRecord);
                }
                insert.execute();
            }
        }

        @Override
        public void updateRun(Run run) {
            dsl.update(RUNS)
                    .set(RUNS.STATE, run.state().wireName())
                    .set(RUNS.START_DATE, Times.db(run.startDate()))
                    .set(RUNS.END_DATE, Times.db(run.endDate()))
                    .set(RUNS.WORKFLOW_HASH, run.workflowHash())
                    .where(RUNS.RUN_ID.eq(run.runId()))
                    .execute();
        }

        @Override
        public List<TaskRun> taskRuns(String runId) {
            // Without an order a database returns rows as its scan finds them: PostgreSQL moves an updated row to
            // the end of the table.
            return dsl.selectFrom(TASK_RUNS)
                    .where(TASK_RUNS.RUN_ID.eq(runId))
                    .orderBy(TASK_RUNS.TASK_ORDINAL.asc().nullsLast(), TASK_RUNS.TASK_ID)
                    .fetch(JooqRunStore::toTaskRun);
        }

        @Override
        public void updateTask(TaskRun task) {
            TaskRunsRecord record = dsl.newRecord(TASK_RUNS);
            fill(record, task);
            write(record);
        }

        private void write(TaskRunsRecord record) {
            String runId = record.getRunId();
            String taskId = record.getTaskId();
            record.changed(TASK_RUNS.RUN_ID, false);
            record.changed(TASK_RUNS.TASK_ID, false);
            dsl.update(TASK_RUNS)
                    .set(record)
                    .where(TASK_RUNS.RUN_ID.eq(runId), TASK_RUNS.TASK_ID.eq(taskId))
                    .execute();
        }

        @Override
        public void insertTry(TaskTry taskTry) {
            dsl.insertInto(TASK_TRIES)
                    .set(TASK_TRIES.RUN_ID, taskTry.runId())
                    .set(TASK_TRIES.TASK_ID, taskTry.taskId())
                    .set(TASK_TRIES.TRY_NUMBER, taskTry.tryNumber())
                    .set(TASK_TRIES.STATE, taskTry.state().wireName())
                    .set(TASK_TRIES.START_DATE, Times.db(taskTry.startDate()))
                    .set(TASK_TRIES.END_DATE, Times.db(taskTry.endDate()))
                    .set(TASK_TRIES.ERROR, taskTry.error())
                    .set(TASK_TRIES.HOSTNAME, taskTry.hostname())
                    .execute();
        }

        @Override
        public List<Run> runsOf(String workflowId, RunState state) {
            return dsl.selectFrom(RUNS)
                    .where(RUNS.WORKFLOW_ID.eq(workflowId), RUNS.STATE.eq(state.wireName()))
                    .orderBy(RUNS.SEQ)
                    .fetch(JooqRunStore::toRun);
        }

        @Override
        public void startCarriedTry(TaskRun running, TryKey carrier) {
            if (running.state() != TaskState.RUNNING || !carrier.runId().equals(running.runId())) {
                throw new IllegalArgumentException(
                        "task " + running.taskId() + " (" + running.state().wireName() + ") of run " + running.runId()
                                + " cannot be carried by " + carrier);
            }
            TaskRunsRecord record = dsl.newRecord(TASK_RUNS);
            fill(record, running);
            record.setCarrierTaskId(carrier.taskId());
            record.setCarrierTryNumber(carrier.tryNumber());
            write(record);
        }

        @Override
        public int countRuns(String workflowId, RunState state) {
            return dsl.fetchCount(RUNS, RUNS.WORKFLOW_ID.eq(workflowId), RUNS.STATE.eq(state.wireName()));
        }

        @Override
        public int activeTaskCount(String workflowId) {
            return dsl.selectCount()
                    .from(TASK_RUNS)
                    .join(RUNS)
                    .on(RUNS.RUN_ID.eq(TASK_RUNS.RUN_ID))
                    .where(
                            RUNS.WORKFLOW_ID.eq(workflowId),
                            RUNS.STATE.eq(RunState.RUNNING.wireName()),
                            TASK_RUNS.STATE.in(TaskState.SCHEDULED.wireName(), TaskState.RUNNING.wireName()))
                    .fetchOne(0, Integer.class);
        }

        @Override
        public void setTasksHeldBack(String workflowId, boolean heldBack) {
            dsl.update(WORKFLOWS)
                    .set(WORKFLOWS.TASKS_HELD_BACK, heldBack)
                    .where(WORKFLOWS.WORKFLOW_ID.eq(workflowId))
                    .execute();
        }

        @Override
        public void putParam(String runId, String key, String value) {
            RunParams.put(dsl, runId, key, value);
        }

        @Override
        public void recordDatasetEvent(String dataset, String workflowId, String runId, String taskId, Instant at) {
            DatasetEventRows.record(dsl, dataset, workflowId, runId, taskId, at);
        }

        @Override
        public boolean claimDatasetEvents(String workflowId, List<Long> eventIds, String runId) {
            return DatasetEventRows.claim(dsl, workflowId, eventIds, runId);
        }

        @Override
        public boolean claimDecayCrossing(String workflowId, String model, int version, Instant at) {
            return DecayCrossingRows.claim(dsl, workflowId, model, version, at);
        }

        @Override
        public boolean isClaimed(FileClaim claim) {
            return dsl.fetchExists(
                    FILE_CLAIMS,
                    FILE_CLAIMS
                            .WORKFLOW_ID
                            .eq(claim.workflowId())
                            .and(FILE_CLAIMS.PATH.eq(claim.path()))
                            .and(FILE_CLAIMS.SHA256.eq(claim.sha256())));
        }

        // A plain insert: should another transaction have claimed the file after isClaimed, the unique key fails
        // this one, and its run goes with it.
        @Override
        public void insertClaim(FileClaim claim, String runId, Instant at) {
            dsl.insertInto(
                            FILE_CLAIMS,
                            FILE_CLAIMS.WORKFLOW_ID,
                            FILE_CLAIMS.PATH,
                            FILE_CLAIMS.SHA256,
                            FILE_CLAIMS.RUN_ID,
                            FILE_CLAIMS.CLAIMED_AT)
                    .values(claim.workflowId(), claim.path(), claim.sha256(), runId, Times.db(at))
                    .execute();
        }
    }

    private static void fill(RunsRecord r, Run run) {
        r.setRunId(run.runId());
        r.setWorkflowId(run.workflowId());
        r.setExperimentId(run.experimentId());
        r.setState(run.state().wireName());
        r.setRunType(run.runType().wireName());
        r.setTriggeredBy(run.triggeredBy());
        r.setConf(Json.write(run.conf()));
        r.setParams(Json.write(run.params()));
        r.setWorkflowHash(run.workflowHash());
        r.setLogicalDate(Times.db(run.logicalDate()));
        r.setDataIntervalStart(Times.db(run.dataIntervalStart()));
        r.setDataIntervalEnd(Times.db(run.dataIntervalEnd()));
        r.setQueuedAt(Times.db(run.queuedAt()));
        r.setStartDate(Times.db(run.startDate()));
        r.setEndDate(Times.db(run.endDate()));
        r.setNote(run.note());
    }

    private static void fill(TaskRunsRecord r, TaskRun task) {
        r.setRunId(task.runId());
        r.setTaskId(task.taskId());
        r.setTaskType(task.taskType());
        r.setState(task.state().wireName());
        r.setTryNumber(task.tryNumber());
        r.setMaxTries(task.maxTries());
        r.setStartDate(Times.db(task.startDate()));
        r.setEndDate(Times.db(task.endDate()));
        r.setNextTryAt(Times.db(task.nextTryAt()));
        r.setOutputs(Json.write(task.outputs()));
        r.setError(task.error());
        r.setHostname(task.hostname());
    }

    static Run toRun(RunsRecord r) {
        return new Run(
                r.getRunId(),
                r.getWorkflowId(),
                r.getExperimentId(),
                RunState.fromWire(r.getState()),
                RunType.fromWire(r.getRunType()),
                r.getTriggeredBy(),
                Json.read(r.getConf()),
                Json.read(r.getParams()),
                r.getWorkflowHash(),
                Times.instant(r.getLogicalDate()),
                Times.instant(r.getDataIntervalStart()),
                Times.instant(r.getDataIntervalEnd()),
                Times.instant(r.getQueuedAt()),
                Times.instant(r.getStartDate()),
                Times.instant(r.getEndDate()),
                r.getNote());
    }

    private static TaskRun toTaskRun(TaskRunsRecord r) {
        return new TaskRun(
                r.getRunId(),
                r.getTaskId(),
                r.getTaskType(),
                TaskState.fromWire(r.getState()),
                r.getTryNumber(),
                r.getMaxTries(),
                Times.instant(r.getStartDate()),
                Times.instant(r.getEndDate()),
                Times.instant(r.getNextTryAt()),
                Json.read(r.getOutputs()),
                r.getError(),
                r.getHostname());
    }

    private static TaskTry toTry(TaskTriesRecord r) {
        return new TaskTry(
                r.getRunId(),
                r.getTaskId(),
                r.getTryNumber(),
                TaskState.fromWire(r.getState()),
                Times.instant(r.getStartDate()),
                Times.instant(r.getEndDate()),
                r.getError(),
                r.getHostname());
    }
}
