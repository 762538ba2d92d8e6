package dev.freshet.web.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.engine.Engine;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.error.NotFoundException;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.TaskRun;
import dev.freshet.engine.run.TaskState;
import dev.freshet.engine.run.TryLog;
import dev.freshet.web.JsonBody;
import dev.freshet.web.Paging;
import dev.freshet.web.PathIds;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The tasks of a run and the log of each try. */
public final class TaskInstancesApi {
    private static final String RUN = "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}";
    /** Airflow's filters of a run's task instances, which this route does not implement: a 400, never ignored. */
    private static final Map<String, String> UNSUPPORTED_LIST_PARAMS = unsupported(
            "execution_date_gte",
            "execution_date_lte",
            "start_date_gte",
            "start_date_lte",
            "end_date_gte",
            "end_date_lte",
            "updated_at_gte",
            "updated_at_lte",
            "duration_gte",
            "duration_lte",
            "state",
            "pool",
            "queue",
            "executor");

    private final Engine engine;
    private final DagLookup lookup;

    private final ObjectMapper mapper;

    public TaskInstancesApi(Engine engine, ObjectMapper mapper) {
        this.engine = engine;
        this.mapper = mapper;
        this.lookup = new DagLookup(engine);
    }

    public void register(JavalinDefaultRouting routes) {
        routes.get(RUN + "/taskInstances", this::list);
        routes.get(RUN + "/taskInstances/{task_id}", this::get);
        routes.patch(RUN + "/taskInstances/{task_id}", this::mark);
        routes.get(RUN + "/taskInstances/{task_id}/logs/{try}", this::log);
    }

    private void list(Context ctx) {
        QueryParams.of(ctx, Set.of("limit", "offset"), UNSUPPORTED_LIST_PARAMS);
        Run run = lookup.run(PathIds.id(ctx, "dag_id"), PathIds.id(ctx, "dag_run_id"));
        Paging paging = Paging.from(ctx);
        List<TaskRun> all = engine.runs().taskRuns(run.runId());
        List<TaskInstanceView> page = paging.of(all).stream()
                .map(task -> TaskInstanceView.of(run, task))
                .toList();
        ctx.json(CollectionBody.of("task_instances", page, all.size()));
    }

    private void get(Context ctx) {
        Run run = lookup.run(PathIds.id(ctx, "dag_id"), PathIds.id(ctx, "dag_run_id"));
        ctx.json(TaskInstanceView.of(run, task(run, PathIds.id(ctx, "task_id"))));
    }

    /** Airflow's "mark success/failed": {@code {"new_state": "success"}}. */
    private void mark(Context ctx) {
        Run run = lookup.run(PathIds.id(ctx, "dag_id"), PathIds.id(ctx, "dag_run_id"));
        TaskRun task = task(run, PathIds.id(ctx, "task_id"));
        String newState = JsonBody.parse(ctx.body(), mapper).requiredText("new_state");
        TaskState state = switch (newState) {
            case "success" -> TaskState.SUCCESS;
            case "failed" -> TaskState.FAILED;
            default ->
                throw new InvalidInputException("new_state: expected 'success' or 'failed', got '" + newState + "'");
        };
        ctx.json(TaskInstanceView.of(run, engine.runs().mark(run.runId(), task.taskId(), state)));
    }

    /**
     * The try's log: plain text unless the client prefers JSON ({@code Accept: application/json}, as Airflow's own
     * client sends), then Airflow's {@code {"content", "continuation_token"}}. The token is the byte offset read up
     * to; given back as {@code ?token=}, only what was written since is answered.
     */
    private void log(Context ctx) {
        QueryParams params = QueryParams.of(ctx, Set.of("full_content", "map_index", "token"), Map.of());
        String dagId = PathIds.id(ctx, "dag_id");
        String runId = PathIds.id(ctx, "dag_run_id");
        String taskId = PathIds.id(ctx, "task_id");
        int tryNumber = PathIds.positiveInt(ctx, "try");
        params.bool("full_content"); // checked for its type: the whole log is always answered
        params.text("map_index").ifPresent(index -> {
            if (!index.equals(String.valueOf(TaskInstanceView.NOT_MAPPED))) {
                throw new NotFoundException("map_index: tasks are not mapped here; the only index is -1, got '"
                        + QueryParams.shorten(index) + "'");
            }
        });
        long from = params.text("token").map(TaskInstancesApi::offset).orElse(0L);
        Run run = lookup.run(dagId, runId);
        TaskRun task = task(run, taskId);
        TryLog log = engine.tryLog(run.runId(), task.taskId(), tryNumber)
                .orElseThrow(() -> new NotFoundException(
                        "task '" + task.taskId() + "' of run '" + run.runId() + "' has no log for try " + tryNumber));
        // A log holds whatever the task printed; a browser must never sniff it into HTML and run it.
        ctx.header("X-Content-Type-Options", "nosniff");
        long size = log.size();
        long start = Math.min(from, size);
        byte[] bytes = log.read(start, (int) Math.min(Integer.MAX_VALUE - 8, size - start));
        if (LogFormat.wantsJson(ctx.header("Accept"))) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("content", new String(bytes, StandardCharsets.UTF_8));
            body.put("continuation_token", String.valueOf(start + bytes.length));
            ctx.json(body);
            return;
        }
        ctx.contentType("text/plain; charset=utf-8").result(bytes);
    }

    private static long offset(String token) {
        try {
            long offset = Long.parseLong(token);
            if (offset >= 0) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(
                "token: not a continuation token this server gave, got '" + QueryParams.shorten(token) + "'");
    }

    private static Map<String, String> unsupported(String... names) {
        Map<String, String> reasons = new LinkedHashMap<>();
        for (String name : names) {
            reasons.put(name, "a run's task instances are listed whole; filter them on the client");
        }
        return reasons;
    }

    private TaskRun task(Run run, String taskId) {
        return engine.runs().taskRuns(run.runId()).stream()
                .filter(t -> t.taskId().equals(taskId))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("run '" + run.runId() + "' has no task '" + taskId + "'"));
    }
}
