package dev.freshet.web.serving;

import java.util.List;

/** Which model answers a scoring request. */
public interface ServedModels extends AutoCloseable {

    /** The model {@code POST /invocations} serves; fails with a 400, 404 or 503 problem when there is none. */
    ServedModel defaultModel();

    /** The model {@code POST /models/{name}/invocations} serves. */
    ServedModel named(String name);

    /** Whether {@link #defaultModel()} would answer now (for {@code /ping}). */
    boolean ready();

    /** The models loaded now, for {@code /health}. */
    List<ServedModel> loaded();

    @Override
    void close();
}
