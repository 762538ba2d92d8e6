package dev.freshet.web.ui;

import dev.freshet.engine.Engine;
import dev.freshet.engine.error.ConflictException;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.error.NotFoundException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRouting;

import java.util.function.Function;

/**
 * The server-rendered UI. Pages are GETs anyone can read; every change goes through a POST under {@code /ui/} that
 * needs a logged-in session and its CSRF token, then redirects (post/redirect/get) with a one-time message.
 */
public final class UiRoutes {
    private final Pages pages;
    private final HomePage home;
    private final WorkflowPages workflows;
    private final RunsPage runs;
    private final RunDetailPage run;
    private final LogPage log;
    private final ExperimentPages experiments;
    private final ModelPages models;
    private final LoginPage login;
    private final VersionPages versions;

    public UiRoutes(Engine engine, Pages pages) {
        this.pages = pages;
        this.workflows = new WorkflowPages(engine, pages);
        this.runs = new RunsPage(engine, pages);
        this.home = new HomePage(workflows, runs, pages);
        this.run = new RunDetailPage(engine, pages);
        this.log = new LogPage(engine, pages);
        this.experiments = new ExperimentPages(engine, pages);
        this.models = new ModelPages(engine, pages);
        this.login = new LoginPage(pages);
        this.versions = new VersionPages(engine, pages);
    }

    public void register(JavalinDefaultRouting routes) {
        routes.get("/", home::page);
        routes.get("/workflows", workflows::list);
        routes.get("/workflows/{workflow_id}/trigger", workflows::triggerForm);
        routes.get("/workflows/{workflow_id}/versions", versions::list);
        routes.get("/workflows/{workflow_id}/versions/{version}", versions::show);
        routes.get("/workflows/{workflow_id}/diff", versions::diff);
        routes.get("/runs", runs::page);
        routes.get("/runs/table", runs::table);
        routes.get("/runs/{run_id}", run::page);
        routes.get("/runs/{run_id}/live", run::live);
        routes.get("/runs/{run_id}/tasks/{task_id}/logs/{try}", log::page);
        routes.get("/runs/{run_id}/tasks/{task_id}/logs/{try}/tail", log::tail);
        routes.get("/experiments", experiments::list);
        routes.get("/experiments/{experiment_id}", experiments::runs);
        routes.get("/compare", experiments::compare);
        routes.get("/models", models::list);
        routes.get("/login", login::form);
        routes.post("/login", login::login);
        routes.post("/logout", login::logout);

        routes.post("/ui/workflows/{workflow_id}/paused", mutation(workflows::setPaused, "/workflows"));
        routes.post("/ui/workflows/{workflow_id}/trigger", mutation(workflows::trigger, null));
        routes.post("/ui/runs/{run_id}/cancel", mutation(run::cancel, null));
        routes.post("/ui/models/{name}/promote", mutation(models::promote, "/models"));
        routes.post("/ui/models/{name}/rollback", mutation(models::rollback, "/models"));
    }

    /**
     * A UI change: without a session the browser is sent to log in and come back; with one, the CSRF token must
     * match. The action returns where to go next (null: it answered itself). A refused change (conflict, bad
     * value) goes back to {@code onRefusal} with the reason as the message.
     */
    private Handler mutation(Function<Context, String> action, String onRefusal) {
        return ctx -> {
            if (pages.sessions().current(ctx).isEmpty()) {
                ctx.redirect("/login?next=" + Formats.segment(comingFrom(ctx)), HttpStatus.SEE_OTHER);
                return;
            }
            UiSessions.Session session = pages.sessions().requireForMutation(ctx);
            String next;
            try {
                next = action.apply(ctx);
            } catch (ConflictException | InvalidInputException | NotFoundException refused) {
                if (onRefusal == null) {
                    throw refused;
                }
                session.flash(UiFlash.error(refused.getMessage()));
                next = onRefusal;
            }
            if (next != null) {
                ctx.redirect(next, HttpStatus.SEE_OTHER);
            }
        };
    }

    /** The page the form was on, from the Referer when it is ours; else the workflows page. */
    private static String comingFrom(Context ctx) {
        String referer = ctx.header("Referer");
        String origin = ctx.scheme() + "://" + ctx.host();
        if (referer != null && referer.startsWith(origin + "/")) {
            return LoginPage.next(referer.substring(origin.length()));
        }
        return "/workflows";
    }
}
