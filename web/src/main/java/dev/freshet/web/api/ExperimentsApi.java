package dev.freshet.web.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.engine.Engine;
import dev.freshet.engine.tracking.Experiment;
import dev.freshet.web.JsonBody;
import dev.freshet.web.Paging;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

import java.time.Instant;
import java.util.List;

/** {@code GET|POST /api/v1/experiments}. */
public final class ExperimentsApi {
    private final Engine engine;
    private final ObjectMapper mapper;

    public record ExperimentView(long experimentId, String name, Instant creationTime) {
        static ExperimentView of(Experiment experiment) {
            return new ExperimentView(experiment.id(), experiment.name(), experiment.createdAt());
        }
    }

    public record CreatedExperiment(long experimentId, String name) {}

    public ExperimentsApi(Engine engine, ObjectMapper mapper) {
        this.engine = engine;
        this.mapper = mapper;
    }

    public void register(JavalinDefaultRouting routes) {
        routes.get("/api/v1/experiments", this::list);
        routes.post("/api/v1/experiments", this::create);
    }

    private void list(Context ctx) {
        Paging paging = Paging.from(ctx);
        List<Experiment> all = engine.tracking().experiments();
        List<ExperimentView> page =
                paging.of(all).stream().map(ExperimentView::of).toList();
        ctx.json(CollectionBody.of("experiments", page, all.size()));
    }

    private void create(Context ctx) {
        String name = JsonBody.parse(ctx.body(), mapper).requiredText("name");
        Experiment experiment = engine.tracking().createExperiment(name);
        ctx.json(new CreatedExperiment(experiment.id(), experiment.name()));
    }
}
