package dev.freshet.web.ui;

import dev.freshet.web.Problem;
import dev.freshet.web.SecurityHeaders;
import dev.freshet.web.WebjarAssets;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Renders a page with what every page shows: navigation, login state, the CSRF token, a one-time message. */
public final class Pages {
    private final PageRenderer renderer;
    private final UiSessions sessions;
    private final String htmx = WebjarAssets.htmx();

    public Pages(PageRenderer renderer, UiSessions sessions) {
        this.renderer = renderer;
        this.sessions = sessions;
    }

    UiSessions sessions() {
        return sessions;
    }

    /** A whole page, {@code nav} naming the menu entry to highlight. */
    void page(Context ctx, String template, String nav, Map<String, Object> model) {
        Map<String, Object> all = new LinkedHashMap<>(model);
        Optional<UiSessions.Session> session = sessions.current(ctx);
        all.put("nav", nav);
        all.put("htmx", htmx);
        all.put("loggedIn", session.isPresent());
        all.put("csrf", session.map(UiSessions.Session::csrfToken).orElse(""));
        all.put("flash", session.map(UiSessions.Session::takeFlash).orElse(null));
        all.put("here", ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString()));
        SecurityHeaders.apply(ctx);
        ctx.html(renderer.render(template, all));
    }

    /** A piece of a page that htmx swaps in (live updates); it carries the same login state. */
    void fragment(Context ctx, String template, Map<String, Object> model) {
        Map<String, Object> all = new LinkedHashMap<>(model);
        Optional<UiSessions.Session> session = sessions.current(ctx);
        all.put("loggedIn", session.isPresent());
        all.put("csrf", session.map(UiSessions.Session::csrfToken).orElse(""));
        SecurityHeaders.apply(ctx);
        ctx.header("Cache-Control", "no-store");
        ctx.html(renderer.render(template, all));
    }

    /** The error page people see instead of JSON when they browse. */
    public String errorPage(Problem problem) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("problem", problem);
        model.put("htmx", htmx);
        model.put("nav", "");
        model.put("loggedIn", false);
        return renderer.render("error", model);
    }
}
