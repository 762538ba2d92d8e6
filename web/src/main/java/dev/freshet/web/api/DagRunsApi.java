package dev.freshet.web.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.engine.Engine;
import dev.freshet.engine.InvalidInputException;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunPage;
import dev.freshet.engine.run.RunQuery;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.TriggerRequest;
import dev.freshet.engine.workflow.Workflow;
import dev.freshet.web.JsonBody;
import dev.freshet.web.Paging;
import dev.freshet.web.PathIds;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Triggering and reading DAG runs: {@code /api/v1/dags/{dag_id}/dagRuns[/{dag_run_id}]}. */
public final class DagRunsApi {
    static final String ALL_DAGS = "~";
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
        String state = JsonBody.parse(ctx.body(), mapper).requiredText("state");
        if (!state.equals("failed")) {
            throw new InvalidInputException("state: a run can be set to 'failed' (cancelled), not '" + state + "'");
        }
        ctx.json(view(engine.runs().cancel(run.runId())));
    }

    /**
     * {@code {"task_ids": [...], "include_downstream": true}}: the tasks (all, when none are named) and their
     * downstream run again in the same run, with new try numbers.
     */
    private void clear(Context ctx) {
        Run run = lookup.run(PathIds.id(ctx, "dag_id"), PathIds.id(ctx, "dag_run_id"));
        JsonBody body = JsonBody.parse(ctx.body(), mapper);
        List<String> taskIds = body.optionalTextList("task_ids");
        if (taskIds.isEmpty()) {
            taskIds = engine.runs().taskRuns(run.runId()).stream().map(t -> t.taskId()).toList();
        }
        boolean downstream = body.optionalBoolean("include_downstream").orElse(true);
        List<TaskInstanceView> cleared = engine.runs().clear(run.runId(), taskIds, downstream).stream()
                .map(task -> TaskInstanceView.of(run.workflowId(), task)).toList();
        ctx.json(CollectionBody.of("task_instances", cleared, cleared.size()));
    }

    /** Airflow's {@code ~} stands for every DAG; {@code ?state=} filters by one run state. */
    private void list(Context ctx) {
        String dagId = PathIds.id(ctx, "dag_id");
        String workflowId = ALL_DAGS.equals(dagId) ? null : lookup.dag(dagId).id();
        Paging paging = Paging.from(ctx);
        RunState state = state(ctx);
        RunPage page = engine.runs().runs(new RunQuery(workflowId, state, null, paging.limit(), paging.offset()));
        Map<String, Map<String, Double>> metrics = engine.tracking().metrics(page.runs().stream().map(Run::runId)
                .toList());
        ctx.json(CollectionBody.of("dag_runs", page.runs().stream()
                .map(run -> DagRunView.of(run, metrics.getOrDefault(run.runId(), Map.of()))).toList(),
                page.totalEntries()));
    }

    private static RunState state(Context ctx) {
        List<String> given = ctx.queryParams("state");
        if (given.isEmpty() || given.get(0).isBlank()) {
            return null;
        }
        if (given.size() > 1) {
            throw new InvalidInputException("state: give one state, got " + given.size());
        }
        List<String> names = Arrays.stream(RunState.values()).map(RunState::wireName).toList();
        String wanted = given.get(0).strip();
        if (!names.contains(wanted)) {
            throw new InvalidInputException("state: expected one of " + names + ", got '"
                    + (wanted.length() > 40 ? wanted.substring(0, 37) + "..." : wanted) + "'");
        }
        return RunState.fromWire(wanted);
    }

    private void trigger(Context ctx) {
        Workflow workflow = lookup.dag(PathIds.id(ctx, "dag_id"));
        JsonBody body = JsonBody.parse(ctx.body(), mapper);
        Map<String, Object> conf = body.optionalObject("conf");
        conf.forEach((key, value) -> {
            if (value == null) {
                throw new InvalidInputException("conf." + key + ": must not be null; leave the key out to use the "
                        + "workflow's default");
            }
        });
        String runId = body.optionalText("dag_run_id").orElse(null);
        Instant logicalDate = body.optionalInstant("logical_date").orElse(null);
        Run run = engine.runs().trigger(
                new TriggerRequest(workflow.id(), conf, logicalDate, "rest", "manual", runId, null));
        ctx.json(view(run));
    }

    private void get(Context ctx) {
        Run run = lookup.run(PathIds.id(ctx, "dag_id"), PathIds.id(ctx, "dag_run_id"));
        ctx.json(view(run));
    }

    private DagRunView view(Run run) {
        return DagRunView.of(run, engine.tracking().metrics(run.runId()));
    }
}
