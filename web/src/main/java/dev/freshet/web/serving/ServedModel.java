package dev.freshet.web.serving;

import dev.freshet.tasks.model.LinearModel;

import java.util.Objects;

/**
 * A model loaded for scoring.
 *
 * @param version the registry version, or 0 for a model served from a {@code runs:/} URI
 * @param uri     where it came from, e.g. {@code models:/wine-quality/3}
 */
public record ServedModel(String name, int version, String uri, LinearModel model) {
    public ServedModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(model, "model");
    }
}
