package dev.freshet.web;

import dev.freshet.engine.error.FreshetException;

/** A failure that maps to an HTTP status the engine's exception kinds do not cover (401, 413, 415, 429, 503). */
public class HttpProblem extends FreshetException {
    private final int status;

    public HttpProblem(int status, String detail) {
        super(detail);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static HttpProblem unauthorized(String detail) {
        return new HttpProblem(401, detail);
    }

    public static HttpProblem unsupportedMediaType(String detail) {
        return new HttpProblem(415, detail);
    }

    public static HttpProblem unavailable(String detail) {
        return new HttpProblem(503, detail);
    }
}
