package dev.freshet.web.serving;

import dev.freshet.engine.error.NotFoundException;

import java.util.List;

/** One model loaded once, for {@code freshet models serve -m runs:/RUN_ID/model} or a fixed version. */
public final class FixedModel implements ServedModels {
    private final ServedModel model;

    public FixedModel(ServedModel model) {
        this.model = model;
    }

    @Override
    public ServedModel defaultModel() {
        return model;
    }

    @Override
    public ServedModel named(String name) {
        if (!name.equals(model.name())) {
            throw new NotFoundException("this server serves only model '" + model.name() + "'");
        }
        return model;
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public List<ServedModel> loaded() {
        return List.of(model);
    }

    @Override
    public void close() {
        // nothing to release
    }
}
