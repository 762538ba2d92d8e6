package dev.freshet.web;

import dev.freshet.engine.error.InvalidInputException;

/**
 * How to run the server.
 *
 * @param port         the TCP port; 0 picks any free port (read it back with {@link FreshetServer#port()})
 * @param apiToken     the bearer token every REST mutation must carry
 * @param defaultModel the model {@code POST /invocations} serves; null: the only registered model
 * @param predictionLog whether scored rows get prediction ids and are written to the prediction log
 */
public record ServerSettings(int port, String apiToken, String defaultModel, boolean predictionLog) {
    public ServerSettings {
        if (port < 0 || port > 65_535) {
            throw new InvalidInputException("port must be within 0..65535, was " + port);
        }
        if (apiToken == null || apiToken.isBlank()) {
            throw new InvalidInputException("the API token must not be blank");
        }
        if (defaultModel != null && defaultModel.isBlank()) {
            defaultModel = null;
        }
    }

    /** With the prediction log on. */
    public ServerSettings(int port, String apiToken, String defaultModel) {
        this(port, apiToken, defaultModel, true);
    }
}
