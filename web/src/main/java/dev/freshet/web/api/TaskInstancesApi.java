package dev.freshet.web.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.engine.Engine;
import dev.freshet.engine.InvalidInputException;
import dev.freshet.engine.NotFoundException;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.TaskRun;
import dev.freshet.engine.run.TaskState;
import dev.freshet.web.JsonBody;
import dev.freshet.web.Paging;
import dev.freshet.web.PathIds;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The tasks of a run and the log of each try. */
public final class TaskInstancesApi {
    private static final String RUN = "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}";

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
        Run run = lookup.run(PathIds.id(ctx, "dag_id"), PathIds.id(ctx, "dag_run_id"));
        Paging paging = Paging.from(ctx);
        List<TaskRun> all = engine.runs().taskRuns(run.runId());
        List<TaskInstanceView> page = paging.of(all).stream()
                .map(task -> TaskInstanceView.of(run.workflowId(), task)).toList();
        ctx.json(CollectionBody.of("task_instances", page, all.size()));
    }

    private void get(Context ctx) {
        Run run = lookup.run(PathIds.id(ctx, "dag_id"), PathIds.id(ctx, "dag_run_id"));
        ctx.json(TaskInstanceView.of(run.workflowId(), task(run, PathIds.id(ctx, "task_id"))));
    }

    /** Airflow's "mark success/failed": {@code {"new_state": "success"}}. */
    private void mark(Context ctx) {
        Run run = lookup.run(PathIds.id(ctx, "dag_id"), PathIds.id(ctx, "dag_run_id"));
        TaskRun task = task(run, PathIds.id(ctx, "task_id"));
        String newState = JsonBody.parse(ctx.body(), mapper).requiredText("new_state");
        TaskState state = switch (newState) {
            case "success" -> TaskState.SUCCESS;
            case "failed" -> TaskState.FAILED;
            default -> throw new InvalidInputException(
                    "new_state: expected 'success' or 'failed', got '" + newState + "'");
        };
        ctx.json(TaskInstanceView.of(run.workflowId(), engine.runs().mark(run.runId(), task.taskId(), state)));
    }

    private void log(Context ctx) {
        String dagId = PathIds.id(ctx, "dag_id");
        String runId = PathIds.id(ctx, "dag_run_id");
        String taskId = PathIds.id(ctx, "task_id");
        int tryNumber = PathIds.positiveInt(ctx, "try");
        Run run = lookup.run(dagId, runId);
        TaskRun task = task(run, taskId);
        Path file = engine.logFile(run.runId(), task.taskId(), tryNumber);
        if (!Files.isRegularFile(file)) {
            throw new NotFoundException("task '" + task.taskId() + "' of run '" + run.runId() + "' has no log for try "
                    + tryNumber);
        }
        try {
            // A log holds whatever the task printed; a browser must never sniff it into HTML and run it.
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.contentType("text/plain; charset=utf-8").result(Files.newInputStream(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private TaskRun task(Run run, String taskId) {
        return engine.runs().taskRuns(run.runId()).stream().filter(t -> t.taskId().equals(taskId)).findFirst()
                .orElseThrow(() -> new NotFoundException("run '" + run.runId() + "' has no task '" + taskId + "'"));
    }
}
