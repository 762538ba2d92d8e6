package dev.freshet.web.ui;

import io.javalin.http.Context;

import java.util.List;

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

    /** The home page's runs table, beside the workflows overview. */
    record LatestRuns(List<RunRow> runs) {}

    void page(Context ctx) {
        pages.page(ctx, "home", "home", workflows.overview(), new LatestRuns(runs.latest(LATEST_RUNS)));
    }
}
