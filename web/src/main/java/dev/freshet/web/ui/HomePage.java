package dev.freshet.web.ui;

import io.javalin.http.Context;

import java.util.Map;

/** The home page: the workflows overview, then the newest runs, of any workflow. */
final class HomePage {
    static final int LATEST_RUNS = 10;

    private final WorkflowPages workflows;
    private final RunsPage runs;
    private final Pages pages;

    HomePage(WorkflowPages workflows, RunsPage runs, Pages pages) {
        this.workflows = workflows;
        this.runs = runs;
        this.pages = pages;
    }

    void page(Context ctx) {
        Map<String, Object> model = workflows.overview();
        model.put("runs", runs.latest(LATEST_RUNS));
        pages.page(ctx, "home", "home", model);
    }
}
