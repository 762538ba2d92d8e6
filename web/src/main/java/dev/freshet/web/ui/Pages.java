package dev.freshet.web.ui;

import dev.freshet.web.Problem;
import dev.freshet.web.SecurityHeaders;
import dev.freshet.web.WebjarAssets;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    /** The error page's own model: the problem it shows. */
    record ErrorBody(Problem problem) {}

    UiSessions sessions() {
        return sessions;
    }

    /** A whole page, {@code nav} naming the menu entry to highlight; the records' components are its variables. */
    void page(Context ctx, String template, String nav, Record... model) {
        Optional<UiSessions.Session> session = sessions.current(ctx);
        Layout layout = new Layout(
                nav,
                htmx,
                session.isPresent(),
                session.map(UiSessions.Session::csrfToken).orElse(""),
                session.map(UiSessions.Session::takeFlash).orElse(null),
                here(ctx));
        SecurityHeaders.apply(ctx);
        ctx.html(renderer.render(template, with(layout, model)));
    }

    /** A piece of a page that htmx swaps in (live updates); it carries the same login state. */
    void fragment(Context ctx, String template, Record... model) {
        Optional<UiSessions.Session> session = sessions.current(ctx);
        Fragment fragment = new Fragment(
                session.isPresent(), session.map(UiSessions.Session::csrfToken).orElse(""));
        SecurityHeaders.apply(ctx);
        ctx.header("Cache-Control", "no-store");
        ctx.html(renderer.render(template, with(fragment, model)));
    }

    /** The error page people see instead of JSON when they browse; its login link comes back to the failed page. */
    public String errorPage(Problem problem, Context ctx) {
        Layout layout = new Layout("", htmx, false, "", null, here(ctx));
        return renderer.render("error", List.of(layout, new ErrorBody(problem)));
    }

    /** The path and query of the request, as the login link's {@code next}. */
    static String here(Context ctx) {
        return ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
    }

    private static List<Record> with(Record frame, Record... model) {
        List<Record> all = new ArrayList<>(model.length + 1);
        all.add(frame);
        all.addAll(Arrays.asList(model));
        return all;
    }
}
