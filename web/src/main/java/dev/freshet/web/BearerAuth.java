package dev.freshet.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/** Requires {@code Authorization: Bearer <token>} on mutations; reads stay open. */
public final class BearerAuth {
    private static final Set<HandlerType> MUTATIONS = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
            HandlerType.DELETE);
    private static final String PREFIX = "Bearer ";

    private final byte[] expected;

    public BearerAuth(String token) {
        this.expected = token.getBytes(StandardCharsets.UTF_8);
    }

    public void requireForMutations(Context ctx) {
        if (MUTATIONS.contains(ctx.method())) {
            require(ctx);
        }
    }

    public void require(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw HttpProblem.unauthorized("this request needs an 'Authorization: Bearer <token>' header");
        }
        byte[] given = header.substring(PREFIX.length()).strip().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, given)) {
            throw HttpProblem.unauthorized("the bearer token is not valid");
        }
    }
}
