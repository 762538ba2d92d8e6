package dev.freshet.web.ui;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/** Logging in with the API token (for the UI's buttons) and out again. */
final class LoginPage {
    private final Pages pages;

    LoginPage(Pages pages) {
        this.pages = pages;
    }

    void form(Context ctx) {
        render(ctx, next(ctx.queryParam("next")), null);
    }

    void login(Context ctx) {
        String next = next(ctx.formParam("next"));
        if (pages.sessions().login(ctx, ctx.formParam("token"))) {
            ctx.redirect(next, HttpStatus.SEE_OTHER);
        } else {
            ctx.status(401);
            render(ctx, next, "That is not the API token.");
        }
    }

    void logout(Context ctx) {
        if (pages.sessions().current(ctx).isPresent()) {
            pages.sessions().requireForMutation(ctx);
        }
        pages.sessions().logout(ctx);
        ctx.redirect("/workflows", HttpStatus.SEE_OTHER);
    }

    /** Where to go after logging in, and why the last attempt was refused (null when none). */
    record LoginForm(String next, String error) {}

    private void render(Context ctx, String next, String error) {
        pages.page(ctx, "login", "login", new LoginForm(next, error));
    }

    /** Where to go after logging in: a path on this server only (never "//host" or "https://…"). */
    static String next(String requested) {
        if (requested == null
                || !requested.startsWith("/")
                || requested.startsWith("//")
                || requested.contains("\\")
                || requested.chars().anyMatch(Character::isISOControl)) {
            return "/workflows";
        }
        return requested;
    }
}
