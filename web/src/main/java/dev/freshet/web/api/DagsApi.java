package dev.freshet.web.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.engine.Engine;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.workflow.Workflow;
import dev.freshet.web.JsonBody;
import dev.freshet.web.Paging;
import dev.freshet.web.PathIds;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/** {@code GET /api/v1/dags}, {@code GET|PATCH /api/v1/dags/{dag_id}}. */
public final class DagsApi {
    private static final Set<String> LIST_PARAMS =
            Set.of("limit", "offset", "order_by", "tags", "only_active", "paused", "dag_id_pattern");
    private static final Map<String, String> UNSUPPORTED_LIST_PARAMS =
            Map.of("fields", "every field is always returned");
    private static final Set<String> PATCH_PARAMS = Set.of("update_mask");
    private static final Map<String, Comparator<DagView>> ORDER = Map.of(
            "dag_id", Comparator.comparing(DagView::dagId),
            "is_paused", Comparator.comparing(DagView::isPaused),
            "next_dagrun", Comparator.comparing(DagView::nextDagrun, Comparator.nullsLast(Comparator.naturalOrder())));

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

    /**
     * Airflow's filters: {@code paused}, {@code dag_id_pattern} (a case-insensitive part of the id), {@code tags}
     * (repeated: any of them), {@code only_active} (every loaded workflow is active) and {@code order_by}.
     */
    private void list(Context ctx) {
        QueryParams params = QueryParams.of(ctx, LIST_PARAMS, UNSUPPORTED_LIST_PARAMS);
        Paging paging = Paging.from(ctx);
        Predicate<DagView> wanted = dag -> true;
        Boolean paused = params.bool("paused").orElse(null);
        if (paused != null) {
            wanted = wanted.and(dag -> dag.isPaused() == paused);
        }
        String pattern = params.text("dag_id_pattern")
                .map(p -> p.toLowerCase(Locale.ROOT))
                .orElse(null);
        if (pattern != null) {
            wanted = wanted.and(dag -> dag.dagId().toLowerCase(Locale.ROOT).contains(pattern));
        }
        List<String> tags = params.all("tags").stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .toList();
        if (!tags.isEmpty()) {
            wanted = wanted.and(dag -> dag.tags().stream().anyMatch(tag -> tags.contains(tag.name())));
        }
        params.bool("only_active"); // checked for its type; every workflow this server has loaded is active
        List<DagView> all = engine.workflows().stream()
                .map(this::view)
                .filter(wanted)
                .sorted(order(params))
                .toList();
        ctx.json(CollectionBody.of("dags", paging.of(all), all.size()));
    }

    private static Comparator<DagView> order(QueryParams params) {
        return params.text("order_by")
                .map(given -> {
                    boolean descending = given.startsWith("-");
                    Comparator<DagView> field = ORDER.get(descending ? given.substring(1) : given);
                    if (field == null) {
                        throw new InvalidInputException("order_by: expected one of " + new TreeSet<>(ORDER.keySet())
                                + ", optionally with a leading '-', got '" + QueryParams.shorten(given) + "'");
                    }
                    Comparator<DagView> ordered = descending ? field.reversed() : field;
                    return ordered.thenComparing(DagView::dagId);
                })
                .orElse(ORDER.get("dag_id"));
    }

    private void get(Context ctx) {
        ctx.json(view(lookup.dag(PathIds.id(ctx, "dag_id"))));
    }

    /** Only {@code is_paused} can be changed; an {@code update_mask} naming anything else is a 400, as in Airflow. */
    private void patch(Context ctx) {
        QueryParams params = QueryParams.of(ctx, PATCH_PARAMS, Map.of());
        Workflow workflow = lookup.dag(PathIds.id(ctx, "dag_id"));
        List<String> mask = params.all("update_mask").stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip)
                .filter(f -> !f.isEmpty())
                .toList();
        for (String field : mask) {
            if (!field.equals("is_paused")) {
                throw new InvalidInputException(
                        "update_mask: only 'is_paused' can be updated, got '" + QueryParams.shorten(field) + "'");
            }
        }
        boolean paused = JsonBody.parse(ctx.body(), mapper)
                .requireOnly(Set.of("is_paused"), "a DAG's update")
                .requiredBoolean("is_paused");
        engine.setPaused(workflow.id(), paused);
        ctx.json(view(workflow));
    }

    private DagView view(Workflow workflow) {
        return DagView.of(
                workflow,
                engine.isPaused(workflow.id()),
                engine.nextFireTime(workflow.id()),
                !engine.workflowProblems(workflow.id()).isEmpty());
    }
}
