package dev.freshet.web;

/**
 * How many bytes of request body each kind of route reads before it answers 413, whatever the framing (a declared
 * {@code Content-Length} or chunks).
 *
 * @param scoring {@code /invocations} and {@code /models/{name}/invocations}, and the labels that come back for
 *                their rows, {@code POST /api/v1/models/{name}/feedback}
 * @param api     the rest of the REST API under {@code /api/}
 * @param forms   the UI's form posts under {@code /ui/}
 * @param login   {@code POST /login} (a token and a path), and any other path, where no route reads a body
 */
public record BodyLimits(long scoring, long api, long forms, long login) {
    public static final BodyLimits DEFAULT = new BodyLimits(16L << 20, 1L << 20, 1L << 20, 16L << 10);

    public BodyLimits {
        if (scoring <= 0 || api <= 0 || forms <= 0 || login <= 0) {
            throw new IllegalArgumentException("body limits must be positive");
        }
    }

    /** The limit of the route at {@code path}. */
    public long forPath(String path) {
        if (path.startsWith("/api/v1/models/") && path.endsWith("/feedback")) {
            return scoring;
        }
        if (path.startsWith("/api/")) {
            return api;
        }
        if (path.equals("/invocations") || path.startsWith("/models/") && path.endsWith("/invocations")) {
            return scoring;
        }
        if (path.startsWith("/ui/")) {
            return forms;
        }
        return login;
    }

    /** The largest of the limits, for the checks Javalin makes on a declared length. */
    long largest() {
        return Math.max(Math.max(scoring, api), Math.max(forms, login));
    }
}
