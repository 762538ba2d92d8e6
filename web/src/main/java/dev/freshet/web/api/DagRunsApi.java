package dev.freshet.web.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.engine.Engine;
import dev.freshet.engine.InvalidInputException;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunPage;
import dev.freshet.engine.run.RunQuery;
import dev.freshet.engine.run.TriggerRequest;
import dev.freshet.engine.workflow.Workflow;
import dev.freshet.web.JsonBody;
import dev.freshet.web.Paging;
import dev.freshet.web.PathIds;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

import java.time.Instant;
import java.util.Map;

/** Triggering and reading DAG runs: {@code /api/v1/dags/{dag_id}/dagRuns[/{dag_run_id}]}. */
public final class DagRunsApi {
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
    }

    private void list(Context ctx) {
        Workflow workflow = lookup.dag(PathIds.id(ctx, "dag_id"));
        Paging paging = Paging.from(ctx);
        RunPage page = engine.runs().runs(new RunQuery(workflow.id(), null, null, paging.limit(), paging.offset()));
        ctx.json(CollectionBody.of("dag_runs", page.runs().stream().map(this::view).toList(), page.totalEntries()));
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
