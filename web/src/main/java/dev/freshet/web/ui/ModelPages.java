package dev.freshet.web.ui;

import dev.freshet.engine.Engine;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.error.NotFoundException;
import dev.freshet.engine.tracking.ModelVersion;
import dev.freshet.web.PathIds;
import io.javalin.http.Context;

import java.util.List;
import java.util.Optional;

import static dev.freshet.engine.tracking.ModelRegistry.CHAMPION;

/**
 * The model registry: versions, champion, a metric chart, the promotion log, realized errors and feature drift on live
 * traffic, promote and roll back.
 */
final class ModelPages {

    private final Engine engine;
    private final Pages pages;

    ModelPages(Engine engine, Pages pages) {
        this.engine = engine;
        this.pages = pages;
    }

    /** Every registered model, by name. */
    record ModelList(List<ModelSection> models) {}

    /** {@code ?NAME=METRIC} picks the metric charted for model NAME. */
    void list(Context ctx) {
        List<ModelSection> sections = engine.models().modelNames().stream()
                .sorted()
                .map(name -> ModelSection.of(
                        name,
                        engine.models()
                                .aliased(name, CHAMPION)
                                .map(ModelVersion::version)
                                .orElse(null),
                        engine.models().versions(name),
                        engine.models().promotionLog(name),
                        ctx.queryParam(name),
                        engine.monitoring().performance(name, Optional.empty()),
                        engine.monitoring().dailyPerformance(name, Optional.empty()),
                        engine.monitoring().logged(name),
                        engine.monitoring().drift(name, Optional.empty()),
                        engine.monitoring().driftRules().psi()))
                .toList();
        pages.page(ctx, "models", "models", new ModelList(sections));
    }

    /** Action: {@code version=N} becomes the champion. */
    String promote(Context ctx) {
        String name = model(ctx);
        String raw = ctx.formParam("version");
        int version;
        try {
            version = Integer.parseInt(raw == null ? "" : raw.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("version: expected a version number");
        }
        engine.models().promote(name, CHAMPION, version, "promoted by hand in the UI");
        flash(ctx, "version " + version + " of " + name + " is now the champion");
        return anchor(name);
    }

    /** Action: the champion goes back to the version before its last move. */
    String rollback(Context ctx) {
        String name = model(ctx);
        ModelVersion now = engine.models().rollback(name, CHAMPION);
        flash(ctx, "rolled " + name + " back: version " + now.version() + " is the champion again");
        return anchor(name);
    }

    private void flash(Context ctx, String message) {
        pages.sessions().current(ctx).ifPresent(s -> s.flash(UiFlash.ok(message)));
    }

    static String anchor(String name) {
        return "/models#model-" + Formats.segment(name);
    }

    private String model(Context ctx) {
        String name = PathIds.id(ctx, "name");
        if (!engine.models().exists(name)) {
            throw new NotFoundException("model '" + name + "' does not exist");
        }
        return name;
    }
}
