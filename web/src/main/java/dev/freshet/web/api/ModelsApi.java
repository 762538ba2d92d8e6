package dev.freshet.web.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.engine.Engine;
import dev.freshet.engine.error.NotFoundException;
import dev.freshet.engine.tracking.ModelRegistry;
import dev.freshet.engine.tracking.ModelVersion;
import dev.freshet.engine.tracking.PromotionLogEntry;
import dev.freshet.web.JsonBody;
import dev.freshet.web.Paging;
import dev.freshet.web.PathIds;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.freshet.engine.tracking.ModelRegistry.CHAMPION;

/** The model registry: models, versions, the promotion log, promoting and rolling back the champion. */
public final class ModelsApi {

    private final ModelRegistry models;
    private final ObjectMapper mapper;

    public record ModelView(String name, Integer championVersion, Integer latestVersion) {}

    public record PromotionView(
            long id, String alias, Integer fromVersion, int toVersion, String runId, String reason, Instant loggedAt) {
        static PromotionView of(PromotionLogEntry entry) {
            return new PromotionView(
                    entry.id(),
                    entry.alias(),
                    entry.fromVersion(),
                    entry.toVersion(),
                    entry.runId(),
                    entry.reason(),
                    entry.loggedAt());
        }
    }

    public ModelsApi(Engine engine, ObjectMapper mapper) {
        this.models = engine.models();
        this.mapper = mapper;
    }

    public void register(JavalinDefaultRouting routes) {
        routes.get("/api/v1/models", this::list);
        routes.get("/api/v1/models/{name}/versions", this::versions);
        routes.get("/api/v1/models/{name}/promotions", this::promotions);
        routes.post("/api/v1/models/{name}/rollback", this::rollback);
        routes.post("/api/v1/models/{name}/aliases/{alias}", this::moveAlias);
    }

    private void list(Context ctx) {
        Paging paging = Paging.from(ctx);
        List<String> names = models.modelNames().stream().sorted().toList();
        List<ModelView> page = paging.of(names).stream()
                .map(name -> {
                    Integer champion = models.aliased(name, CHAMPION)
                            .map(ModelVersion::version)
                            .orElse(null);
                    Integer latest = models.versions(name).stream()
                            .map(ModelVersion::version)
                            .max(Integer::compare)
                            .orElse(null);
                    return new ModelView(name, champion, latest);
                })
                .toList();
        ctx.json(CollectionBody.of("models", page, names.size()));
    }

    private void versions(Context ctx) {
        String name = existingModel(ctx);
        Paging paging = Paging.from(ctx);
        Optional<Integer> champion = models.aliased(name, CHAMPION).map(ModelVersion::version);
        List<ModelVersion> all = models.versions(name);
        List<ModelVersionView> page = paging.of(all).stream()
                .map(v -> ModelVersionView.of(
                        v,
                        champion.filter(c -> c == v.version())
                                .map(c -> List.of(CHAMPION))
                                .orElse(List.of())))
                .toList();
        ctx.json(CollectionBody.of("model_versions", page, all.size()));
    }

    private void promotions(Context ctx) {
        String name = existingModel(ctx);
        Paging paging = Paging.from(ctx);
        List<PromotionLogEntry> all = models.promotionLog(name);
        ctx.json(CollectionBody.of(
                "promotions", paging.of(all).stream().map(PromotionView::of).toList(), all.size()));
    }

    private void rollback(Context ctx) {
        String name = existingModel(ctx);
        ModelVersion now = models.rollback(name, CHAMPION);
        ctx.json(ModelVersionView.of(now, List.of(CHAMPION)));
    }

    private void moveAlias(Context ctx) {
        String name = existingModel(ctx);
        String alias = PathIds.id(ctx, "alias");
        int version = JsonBody.parse(ctx.body(), mapper).requiredInt("version");
        models.promote(name, alias, version, "set by hand through the REST API");
        ctx.json(ModelVersionView.of(models.version(name, version), List.of(alias)));
    }

    private String existingModel(Context ctx) {
        String name = PathIds.id(ctx, "name");
        if (!models.modelNames().contains(name)) {
            throw new NotFoundException("model '" + name + "' does not exist");
        }
        return name;
    }
}
