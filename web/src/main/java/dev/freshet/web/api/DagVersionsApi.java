package dev.freshet.web.api;

import dev.freshet.engine.Engine;
import dev.freshet.engine.error.NotFoundException;
import dev.freshet.engine.workflow.WorkflowVersion;
import dev.freshet.web.Paging;
import dev.freshet.web.PathIds;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/v1/dags/{dag_id}/versions} (oldest first, numbered from 1) and
 * {@code GET /api/v1/dags/{dag_id}/versions/{version}} (by number, hash or hash prefix, with its source).
 */
public final class DagVersionsApi {
    private static final Set<String> LIST_PARAMS = Set.of("limit", "offset");

    private final Engine engine;

    public DagVersionsApi(Engine engine) {
        this.engine = engine;
    }

    public void register(JavalinDefaultRouting routes) {
        routes.get("/api/v1/dags/{dag_id}/versions", this::list);
        routes.get("/api/v1/dags/{dag_id}/versions/{version}", this::get);
    }

    private void list(Context ctx) {
        QueryParams.of(ctx, LIST_PARAMS, Map.of());
        Paging paging = Paging.from(ctx);
        String dagId = PathIds.id(ctx, "dag_id");
        List<WorkflowVersion> versions = versionsOf(dagId);
        String current = engine.currentVersion(dagId).orElse(null);
        List<DagVersionView> views = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            WorkflowVersion version = versions.get(i);
            views.add(DagVersionView.of(version, i + 1, version.hash().equals(current), false));
        }
        ctx.json(CollectionBody.of("dag_versions", paging.of(views), views.size()));
    }

    private void get(Context ctx) {
        String dagId = PathIds.id(ctx, "dag_id");
        versionsOf(dagId);
        WorkflowVersion version = engine.workflowVersion(dagId, ctx.pathParam("version"));
        boolean current =
                engine.currentVersion(dagId).map(version.hash()::equals).orElse(false);
        ctx.json(DagVersionView.of(version, engine.versionNumber(version), current, true));
    }

    /** A workflow that is gone keeps its versions; one that never had any is a 404, as an unknown DAG. */
    private List<WorkflowVersion> versionsOf(String dagId) {
        List<WorkflowVersion> versions = engine.workflowVersions(dagId);
        if (versions.isEmpty()) {
            engine.workflow(dagId)
                    .orElseThrow(() -> new NotFoundException("DAG '" + dagId + "' has no recorded versions"));
        }
        return versions;
    }
}
