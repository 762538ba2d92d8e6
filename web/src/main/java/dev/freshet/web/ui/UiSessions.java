package dev.freshet.web.ui;

import dev.freshet.web.HttpProblem;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sessions for the UI's buttons. Logging in means pasting the API token once: the server compares it in
 * constant time and answers with a random session id in an HttpOnly, SameSite=Strict cookie. Every UI mutation then
 * needs that session and its CSRF token (a hidden form field or the {@code X-CSRF-Token} header htmx sends), so a
 * page on another site can neither read the token nor make the browser act with it. Sessions live in memory: a
 * restart logs everyone out.
 */
public final class UiSessions {
    public static final String COOKIE = "freshet_session";
    public static final String CSRF_FIELD = "csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    static final Duration LIFETIME = Duration.ofHours(12);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One logged-in browser; {@code flash} is a message shown once on the next page. */
    public static final class Session {
        private final String id;
        private final String csrfToken;
        private final Instant expires;
        private volatile UiFlash flash;

        Session(String id, String csrfToken, Instant expires) {
            this.id = id;
            this.csrfToken = csrfToken;
            this.expires = expires;
        }

        public String csrfToken() {
            return csrfToken;
        }

        void flash(UiFlash message) {
            this.flash = message;
        }

        UiFlash takeFlash() {
            UiFlash message = flash;
            flash = null;
            return message;
        }
    }

    private final byte[] apiToken;
    private final Clock clock;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public UiSessions(String apiToken, Clock clock) {
        this.apiToken = apiToken.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** Starts a session when {@code token} is the API token; false (and nothing set) otherwise. */
    boolean login(Context ctx, String token) {
        if (token == null || !MessageDigest.isEqual(apiToken, token.strip().getBytes(StandardCharsets.UTF_8))) {
            return false;
        }
        Instant now = clock.instant();
        sessions.values().removeIf(s -> s.expires.isBefore(now));
        Session session = new Session(random(), random(), now.plus(LIFETIME));
        sessions.put(session.id, session);
        ctx.header(
                "Set-Cookie",
                COOKIE + "=" + session.id + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + LIFETIME.toSeconds());
        return true;
    }

    void logout(Context ctx) {
        current(ctx).ifPresent(s -> sessions.remove(s.id));
        ctx.header("Set-Cookie", COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    }

    public Optional<Session> current(Context ctx) {
        String id = ctx.cookie(COOKIE);
        if (id == null) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        if (session == null || session.expires.isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(session);
    }

    /** The session of a UI mutation: 401 without one, 403 when the CSRF token is missing or wrong. */
    Session requireForMutation(Context ctx) {
        Session session =
                current(ctx).orElseThrow(() -> HttpProblem.unauthorized("log in with the API token first (/login)"));
        String given = ctx.header(CSRF_HEADER);
        if (given == null) {
            given = ctx.formParam(CSRF_FIELD);
        }
        if (given == null
                || !MessageDigest.isEqual(
                        session.csrfToken.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            throw new HttpProblem(403, "the form's CSRF token is missing or stale; reload the page and try again");
        }
        return session;
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
