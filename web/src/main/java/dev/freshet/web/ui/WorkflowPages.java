package dev.freshet.web.ui;

import dev.freshet.engine.Engine;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.error.NotFoundException;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunQuery;
import dev.freshet.engine.run.TriggerRequest;
import dev.freshet.engine.workflow.Workflow;
import dev.freshet.web.PathIds;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The workflows page, pausing, and the trigger form made from a workflow's typed params. */
final class WorkflowPages {
    static final int RECENT_RUNS = 12;

    private final Engine engine;
    private final Pages pages;

    WorkflowPages(Engine engine, Pages pages) {
        this.engine = engine;
        this.pages = pages;
    }

    /** Every workflow's row, and the problems of the files that do not parse. */
    record Overview(List<WorkflowRow> workflows, List<String> errors) {}

    /** The trigger form: a field per typed param, the run id given (empty when none), a refusal (null when none). */
    record TriggerPage(
            Workflow workflow, List<ParamField> fields, String action, String runId, String error, DagGraph graph) {}

    void list(Context ctx) {
        pages.page(ctx, "workflows", "workflows", overview());
    }

    /** Every workflow with its schedule and recent runs, and the problems of broken files. */
    Overview overview() {
        Instant now = engine.config().clock().instant();
        List<WorkflowRow> rows = engine.workflows().stream()
                .sorted(Comparator.comparing(Workflow::id))
                .map(w -> WorkflowRow.of(
                        w,
                        engine.isPaused(w.id()),
                        engine.nextFireTime(w.id()),
                        engine.runs()
                                .runs(new RunQuery(w.id(), null, null, RECENT_RUNS, 0))
                                .runs(),
                        now,
                        !engine.workflowProblems(w.id()).isEmpty()))
                .toList();
        List<String> errors = engine.workflowErrors().values().stream()
                .flatMap(List::stream)
                .map(String::valueOf)
                .toList();
        return new Overview(rows, errors);
    }

    /** Action: {@code paused=true|false}. */
    String setPaused(Context ctx) {
        Workflow workflow = workflow(ctx);
        boolean paused = Boolean.parseBoolean(ctx.formParam("paused"));
        engine.setPaused(workflow.id(), paused);
        pages.sessions()
                .current(ctx)
                .ifPresent(
                        s -> s.flash(UiFlash.ok("workflow " + workflow.id() + " " + (paused ? "paused" : "resumed"))));
        return "/workflows";
    }

    void triggerForm(Context ctx) {
        Workflow workflow = workflow(ctx);
        renderForm(ctx, workflow, Map.of(), "", null);
    }

    /** Action: starts a run and goes to its page; a bad value shows the form again with the problem. */
    String trigger(Context ctx) {
        Workflow workflow = workflow(ctx);
        Map<String, String> submitted = TriggerForm.submitted(workflow, ctx.formParamMap());
        String runId = ctx.formParam("dag_run_id");
        runId = runId == null || runId.isBlank() ? null : runId.strip();
        try {
            Map<String, Object> conf = TriggerForm.conf(workflow, submitted);
            Run run = engine.runs()
                    .trigger(TriggerRequest.manual(workflow.id(), conf, "ui").withRunId(runId));
            return Formats.runHref(run.runId());
        } catch (InvalidInputException e) {
            ctx.status(400);
            renderForm(ctx, workflow, submitted, runId == null ? "" : runId, e.getMessage());
            return null;
        }
    }

    private void renderForm(Context ctx, Workflow workflow, Map<String, String> submitted, String runId, String error) {
        pages.page(
                ctx,
                "trigger",
                "workflows",
                new TriggerPage(
                        workflow,
                        workflow.params().values().stream()
                                .map(p -> ParamField.of(p, submitted))
                                .toList(),
                        "/ui/workflows/" + Formats.segment(workflow.id()) + "/trigger",
                        runId,
                        error,
                        DagGraph.of(workflow.topologicalOrder(), Map.of(), Map.of())));
    }

    private Workflow workflow(Context ctx) {
        String id = PathIds.id(ctx, "workflow_id");
        return engine.workflow(id).orElseThrow(() -> new NotFoundException("workflow '" + id + "' does not exist"));
    }
}
