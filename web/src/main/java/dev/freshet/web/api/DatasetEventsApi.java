package dev.freshet.web.api;

import dev.freshet.engine.Engine;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.run.DatasetConsumption;
import dev.freshet.engine.run.DatasetEvent;
import dev.freshet.engine.run.Run;
import dev.freshet.web.Paging;
import dev.freshet.web.PathIds;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lineage between runs through datasets, in Airflow's shapes: the events that started a run
 * ({@code /dags/{dag_id}/dagRuns/{dag_run_id}/upstreamDatasetEvents}) and the events a run produced with the runs
 * they started ({@code /datasets/events?source_run_id=}).
 */
public final class DatasetEventsApi {
    private final Engine engine;
    private final DagLookup lookup;

    public DatasetEventsApi(Engine engine) {
        this.engine = engine;
        this.lookup = new DagLookup(engine);
    }

    public void register(JavalinDefaultRouting routes) {
        routes.get("/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/upstreamDatasetEvents", this::upstream);
        routes.get("/api/v1/datasets/events", this::produced);
    }

    private void upstream(Context ctx) {
        Run run = lookup.run(PathIds.id(ctx, "dag_id"), PathIds.id(ctx, "dag_run_id"));
        Map<Long, DatasetEvent> events = new LinkedHashMap<>();
        engine.runs()
                .datasetsConsumedBy(run.runId())
                .forEach(c -> events.put(c.event().eventId(), c.event()));
        respond(ctx, List.copyOf(events.values()));
    }

    private void produced(Context ctx) {
        String sourceRunId = ctx.queryParam("source_run_id");
        if (sourceRunId == null || sourceRunId.isBlank()) {
            throw new InvalidInputException("source_run_id: required; the events of one run are listed");
        }
        Run run = engine.runs().run(sourceRunId);
        String sourceDagId = ctx.queryParam("source_dag_id");
        if (sourceDagId != null && !sourceDagId.equals(run.workflowId())) {
            throw new InvalidInputException(
                    "source_dag_id: run '" + sourceRunId + "' is a run of '" + run.workflowId() + "'");
        }
        respond(ctx, engine.runs().datasetEventsOf(sourceRunId));
    }

    private void respond(Context ctx, List<DatasetEvent> events) {
        List<DatasetEventView> views = Paging.from(ctx).of(events).stream()
                .map(event -> DatasetEventView.of(
                        event,
                        engine.runs().runsStartedBy(event.runId()).stream()
                                .filter(c -> c.event().eventId() == event.eventId())
                                .map(DatasetConsumption::runId)
                                .map(engine.runs()::run)
                                .toList()))
                .toList();
        ctx.json(Map.of("dataset_events", views, "total_entries", events.size()));
    }
}
