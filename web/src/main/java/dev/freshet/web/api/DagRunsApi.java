package dev.freshet.web.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.engine.Engine;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunFilter;
import dev.freshet.engine.run.RunQuery;
import dev.freshet.engine.run.RunSlice;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.TaskRun;
import dev.freshet.engine.run.TriggerRequest;
import dev.freshet.engine.workflow.Workflow;
import dev.freshet.web.JsonBody;
import dev.freshet.web.Paging;
import dev.freshet.web.PathIds;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Triggering and reading DAG runs: {@code /api/v1/dags/{dag_id}/dagRuns[/{dag_run_id}]}. */
public final class DagRunsApi {
    static final String ALL_DAGS = "~";
    /** The fields of a trigger's body; anything else is a 400, as in Airflow. */
    static final Set<String> TRIGGER_FIELDS = Set.of(
            "conf", "dag_run_id", "logical_date", "execution_date", "note", "data_interval_start", "data_interval_end");

    private static final Set<String> PATCH_FIELDS = Set.of("state");
    private static final Set<String> CLEAR_FIELDS = Set.of("dry_run", "task_ids", "include_downstream");
    private static final Set<String> LIST_PARAMS = Set.of(
            "limit",
            "offset",
            "state",
            "order_by",
            "execution_date_gte",
            "execution_date_lte",
            "start_date_gte",
            "start_date_lte",
            "end_date_gte",
            "end_date_lte");
    private static final Map<String, String> UNSUPPORTED_LIST_PARAMS = Map.of(
            "updated_at_gte", "runs keep no update time",
            "updated_at_lte", "runs keep no update time",
            "fields", "every field is always returned");
    private static final Map<String, RunFilter.Field> ORDER_FIELDS = orderFields();

    private final Engine engine;
    private final ObjectMapper mapper;
    private final DagLookup lookup;

    public DagRunsApi(Engine engine, ObjectMapper mapper) {
        this.engine = engine;
        this.mapper = mapper;
        this.lookup = new DagLookup(engine);
    }

    public void register(JavalinDefaultRouting routes) {
        routes.get("/api/v1/dags/{dag_id}/dagRuns", this::list);
        routes.post("/api/v1/dags/{dag_id}/dagRuns", this::trigger);
        routes.get("/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}", this::get);
        routes.patch("/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}", this::patch);
        routes.post("/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/clear", this::clear);
    }

    /** Airflow's "mark the run failed": {@code {"state": "failed"}} cancels it. */
    private void patch(Context ctx) {
        Run run = lookup.run(PathIds.id(ctx, "dag_id"), PathIds.id(ctx, "dag_run_id"));
        String state = JsonBody.parse(ctx.body(), mapper)
                .requireOnly(PATCH_FIELDS, "a run's update")
                .requiredText("state");
        if (!state.equals("failed")) {
            throw new InvalidInputException("state: a run can be set to 'failed' (cancelled), not '" + state + "'");
        }
        ctx.json(view(engine.runs().cancel(run.runId(), "rest")));
    }

    /**
     * Airflow's clear: {@code {"dry_run": true}} (the default, as in Airflow's spec) changes nothing and answers the
     * task instances that would be cleared; {@code "dry_run": false} clears them and answers the run. Freshet adds
     * {@code "task_ids"} (default: every task) and {@code "include_downstream"} (default true).
     */
    private void clear(Context ctx) {
        Run run = lookup.run(PathIds.id(ctx, "dag_id"), PathIds.id(ctx, "dag_run_id"));
        JsonBody body = JsonBody.parse(ctx.body(), mapper).requireOnly(CLEAR_FIELDS, "a clear");
        List<String> taskIds = body.optionalTextList("task_ids");
        if (taskIds.isEmpty()) {
            taskIds = engine.runs().taskRuns(run.runId()).stream()
                    .map(TaskRun::taskId)
                    .toList();
        }
        boolean downstream = body.optionalBoolean("include_downstream").orElse(true);
        if (body.optionalBoolean("dry_run").orElse(true)) {
            List<TaskInstanceView> wouldClear = engine.runs().clearPreview(run.runId(), taskIds, downstream).stream()
                    .map(task -> TaskInstanceView.of(run, task))
                    .toList();
            ctx.json(CollectionBody.of("task_instances", wouldClear, wouldClear.size()));
            return;
        }
        engine.runs().clear(run.runId(), taskIds, downstream);
        ctx.json(view(engine.runs().run(run.runId())));
    }

    /** Airflow's {@code ~} stands for every DAG; the filters and the order are applied by the store's query. */
    private void list(Context ctx) {
        QueryParams params = QueryParams.of(ctx, LIST_PARAMS, UNSUPPORTED_LIST_PARAMS);
        String dagId = PathIds.id(ctx, "dag_id");
        String workflowId = ALL_DAGS.equals(dagId) ? null : lookup.dagWithHistory(dagId);
        Paging paging = Paging.from(ctx);
        RunFilter filter = new RunFilter(
                states(params),
                range(params, "execution_date_gte", "execution_date_lte"),
                range(params, "start_date_gte", "start_date_lte"),
                range(params, "end_date_gte", "end_date_lte"),
                order(params));
        RunSlice page =
                engine.runs().runs(new RunQuery(workflowId, null, null, paging.limit(), paging.offset(), filter));
        Map<String, Map<String, Double>> metrics =
                engine.tracking().metrics(page.runs().stream().map(Run::runId).toList());
        ctx.json(CollectionBody.of(
                "dag_runs",
                page.runs().stream()
                        .map(run -> DagRunView.of(run, metrics.getOrDefault(run.runId(), Map.of())))
                        .toList(),
                page.totalEntries()));
    }

    /** {@code state} may be repeated (any of them matches), as in Airflow. */
    private static Set<RunState> states(QueryParams params) {
        List<String> names =
                Arrays.stream(RunState.values()).map(RunState::wireName).toList();
        Set<RunState> states = new LinkedHashSet<>();
        for (String wanted : params.all("state")) {
            if (!names.contains(wanted)) {
                throw new InvalidInputException(
                        "state: expected one of " + names + ", got '" + QueryParams.shorten(wanted) + "'");
            }
            states.add(RunState.fromWire(wanted));
        }
        return states;
    }

    private static RunFilter.Range range(QueryParams params, String from, String to) {
        Instant start = params.instant(from);
        Instant end = params.instant(to);
        if (start != null && end != null && end.isBefore(start)) {
            throw new InvalidInputException(to + ": " + end + " is before " + from + " " + start);
        }
        return new RunFilter.Range(start, end);
    }

    /** {@code order_by=field} or {@code -field} (descending); without it, newest first. */
    private static RunFilter.Order order(QueryParams params) {
        return params.text("order_by")
                .map(given -> {
                    boolean descending = given.startsWith("-");
                    RunFilter.Field field = ORDER_FIELDS.get(descending ? given.substring(1) : given);
                    if (field == null) {
                        throw new InvalidInputException("order_by: expected one of " + ORDER_FIELDS.keySet()
                                + ", optionally with a leading '-', got '" + QueryParams.shorten(given) + "'");
                    }
                    return new RunFilter.Order(field, descending);
                })
                .orElse(RunFilter.Order.NEWEST_FIRST);
    }

    private static Map<String, RunFilter.Field> orderFields() {
        Map<String, RunFilter.Field> fields = new LinkedHashMap<>();
        fields.put("id", RunFilter.Field.CREATED);
        fields.put("dag_run_id", RunFilter.Field.RUN_ID);
        fields.put("dag_id", RunFilter.Field.WORKFLOW_ID);
        fields.put("state", RunFilter.Field.STATE);
        fields.put("execution_date", RunFilter.Field.LOGICAL_DATE);
        fields.put("logical_date", RunFilter.Field.LOGICAL_DATE);
        fields.put("start_date", RunFilter.Field.START_DATE);
        fields.put("end_date", RunFilter.Field.END_DATE);
        return Collections.unmodifiableMap(fields);
    }

    private void trigger(Context ctx) {
        Workflow workflow = lookup.dag(PathIds.id(ctx, "dag_id"));
        JsonBody body = JsonBody.parse(ctx.body(), mapper).requireOnly(TRIGGER_FIELDS, "a trigger");
        Map<String, Object> conf = body.optionalObject("conf");
        conf.forEach((key, value) -> {
            if (value == null) {
                throw new InvalidInputException(
                        "conf." + key + ": must not be null; leave the key out to use the " + "workflow's default");
            }
        });
        String runId = body.optionalText("dag_run_id").orElse(null);
        Instant logicalDate = logicalDate(body);
        Instant intervalStart = body.optionalInstant("data_interval_start").orElse(null);
        Instant intervalEnd = body.optionalInstant("data_interval_end").orElse(null);
        if ((intervalStart == null) != (intervalEnd == null)) {
            throw new InvalidInputException((intervalStart == null ? "data_interval_start" : "data_interval_end")
                    + ": required when " + (intervalStart == null ? "data_interval_end" : "data_interval_start")
                    + " is given");
        }
        String note = body.optionalText("note").orElse(null);
        Run run = engine.runs()
                .trigger(TriggerRequest.manual(workflow.id(), conf, "rest")
                        .withLogicalDate(logicalDate)
                        .withRunId(runId)
                        .withDataInterval(intervalStart, intervalEnd)
                        .withNote(note));
        ctx.json(view(run));
    }

    /** {@code execution_date} is Airflow's old name of {@code logical_date}: either, or both when they agree. */
    private static Instant logicalDate(JsonBody body) {
        Instant logical = body.optionalInstant("logical_date").orElse(null);
        Instant execution = body.optionalInstant("execution_date").orElse(null);
        if (logical != null && execution != null && !logical.equals(execution)) {
            throw new InvalidInputException("execution_date: " + execution + " differs from logical_date " + logical
                    + "; give one of them, or both with the same value");
        }
        return logical != null ? logical : execution;
    }

    private void get(Context ctx) {
        Run run = lookup.run(PathIds.id(ctx, "dag_id"), PathIds.id(ctx, "dag_run_id"));
        ctx.json(view(run));
    }

    private DagRunView view(Run run) {
        return DagRunView.of(run, engine.tracking().metrics(run.runId()));
    }
}
