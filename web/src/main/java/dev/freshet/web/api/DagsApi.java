package dev.freshet.web.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.engine.Engine;
import dev.freshet.engine.workflow.Workflow;
import dev.freshet.web.JsonBody;
import dev.freshet.web.Paging;
import dev.freshet.web.PathIds;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

import java.util.Comparator;
import java.util.List;

/** {@code GET /api/v1/dags}, {@code GET|PATCH /api/v1/dags/{dag_id}}. */
public final class DagsApi {
    private final Engine engine;
    private final ObjectMapper mapper;
    private final DagLookup lookup;

    public DagsApi(Engine engine, ObjectMapper mapper) {
        this.engine = engine;
        this.mapper = mapper;
        this.lookup = new DagLookup(engine);
    }

    public void register(JavalinDefaultRouting routes) {
        routes.get("/api/v1/dags", this::list);
        routes.get("/api/v1/dags/{dag_id}", this::get);
        routes.patch("/api/v1/dags/{dag_id}", this::patch);
    }

    private void list(Context ctx) {
        Paging paging = Paging.from(ctx);
        List<Workflow> all = engine.workflows().stream().sorted(Comparator.comparing(Workflow::id)).toList();
        List<DagView> page = paging.of(all).stream().map(this::view).toList();
        ctx.json(CollectionBody.of("dags", page, all.size()));
    }

    private void get(Context ctx) {
        ctx.json(view(lookup.dag(PathIds.id(ctx, "dag_id"))));
    }

    private void patch(Context ctx) {
        Workflow workflow = lookup.dag(PathIds.id(ctx, "dag_id"));
        boolean paused = JsonBody.parse(ctx.body(), mapper).requiredBoolean("is_paused");
        engine.setPaused(workflow.id(), paused);
        ctx.json(view(workflow));
    }

    private DagView view(Workflow workflow) {
        return DagView.of(workflow, engine.isPaused(workflow.id()), engine.nextFireTime(workflow.id()));
    }
}
