package dev.freshet.web.ui;

import dev.freshet.engine.run.Run;
import dev.freshet.engine.workflow.Workflow;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** One workflow on the workflows page, with its latest runs as coloured squares (oldest left). */
public record WorkflowRow(
        String id,
        String description,
        String scheduleWords,
        String scheduleExpression,
        boolean paused,
        String nextRun,
        String nextRunRelative,
        String tags,
        int taskCount,
        List<RunSquare> recentRuns,
        String runsHref,
        String triggerHref,
        String pauseHref,
        boolean lastGoodVersion) {

    public record RunSquare(String href, String state, String title) {}

    /** {@code lastGoodVersion}: the workflow's file is broken now and this is the version it last gave. */
    static WorkflowRow of(
            Workflow workflow,
            boolean paused,
            Instant nextFire,
            List<Run> newestFirst,
            Instant now,
            boolean lastGoodVersion) {
        List<RunSquare> squares = newestFirst.stream()
                .sorted(Comparator.comparing(Run::queuedAt))
                .map(run -> new RunSquare(
                        Formats.runHref(run.runId()),
                        run.state().wireName(),
                        run.runId() + " · " + run.state().wireName() + " · " + Formats.dateTime(run.logicalDate())))
                .toList();
        String base = "/workflows/" + Formats.segment(workflow.id());
        return new WorkflowRow(
                workflow.id(),
                workflow.description(),
                ScheduleWords.of(workflow.schedule(), workflow.timezone()),
                workflow.schedule() == null ? "" : workflow.schedule().expression(),
                paused,
                paused ? "" : Formats.dateTime(nextFire),
                paused ? "" : Formats.relative(nextFire, now),
                String.join(", ", workflow.tags()),
                workflow.tasks().size(),
                squares,
                "/runs?workflow=" + Formats.segment(workflow.id()),
                base + "/trigger",
                "/ui" + base + "/paused",
                lastGoodVersion);
    }
}
