package dev.freshet.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Set;

/**
 * Requires the API token on mutations; reads stay open. The token comes as {@code Authorization: Bearer <token>}, or
 * as the password of HTTP Basic with any user name (Airflow's own client knows only Basic).
 */
public final class BearerAuth {
    private static final Set<HandlerType> MUTATIONS =
            Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);
    private static final String PREFIX = "Bearer ";
    private static final String BASIC = "Basic ";

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
        String token = token(header);
        if (token == null) {
            throw HttpProblem.unauthorized("this request needs an 'Authorization: Bearer <token>' header, or HTTP "
                    + "Basic with the token as the password");
        }
        byte[] given = token.strip().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, given)) {
            throw HttpProblem.unauthorized(
                    header.regionMatches(true, 0, BASIC, 0, BASIC.length())
                            ? "the password (the API token) is not valid"
                            : "the bearer token is not valid");
        }
    }

    /** The token a header carries: Bearer's, or Basic's password; null when it carries none. */
    private static String token(String header) {
        if (header == null) {
            return null;
        }
        if (header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return header.substring(PREFIX.length());
        }
        if (header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            try {
                String pair = new String(
                        Base64.getDecoder()
                                .decode(header.substring(BASIC.length()).strip()),
                        StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                return colon < 0 ? null : pair.substring(colon + 1);
            } catch (IllegalArgumentException notBase64) {
                return null;
            }
        }
        return null;
    }
}
