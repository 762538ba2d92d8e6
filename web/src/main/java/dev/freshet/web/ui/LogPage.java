package dev.freshet.web.ui;

import dev.freshet.engine.Engine;
import dev.freshet.engine.error.NotFoundException;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.TaskRun;
import dev.freshet.engine.run.TaskState;
import dev.freshet.engine.run.TaskTry;
import dev.freshet.engine.run.TryLog;
import dev.freshet.web.Paging;
import dev.freshet.web.PathIds;
import io.javalin.http.Context;

import java.util.Optional;

/**
 * A try's log, from this node's file or, when the try ran on another node, from the chunks that node shipped to the
 * database. While the try runs, the page asks every second for what was written since (htmx appends it), so a
 * running task's log is followed without reloading.
 */
final class LogPage {
    static final int PAGE_BYTES = 1 << 20;
    static final int POLL_BYTES = 256 * 1024;

    private final Engine engine;
    private final Pages pages;

    LogPage(Engine engine, Pages pages) {
        this.engine = engine;
        this.pages = pages;
    }

    private record Target(Run run, String taskId, int tryNumber, Optional<TryLog> log, boolean running) {}

    /** The log page's heading: whose log, whether it shows only the end, and where the whole text is. */
    record LogHead(String runId, String runHref, String taskId, int tryNumber, boolean truncated, String rawHref) {}

    /** Text of the log and, while the try runs, where to ask for what follows. */
    record LogTail(String text, boolean running, String tailHref) {}

    void page(Context ctx) {
        Target target = target(ctx);
        LogChunk chunk =
                target.log().map(log -> LogChunk.tail(log, PAGE_BYTES)).orElseGet(() -> new LogChunk("", 0, false));
        LogHead head = new LogHead(
                target.run().runId(),
                Formats.runHref(target.run().runId()),
                target.taskId(),
                target.tryNumber(),
                chunk.truncated(),
                "/api/v1/dags/" + Formats.segment(target.run().workflowId()) + "/dagRuns/"
                        + Formats.segment(target.run().runId()) + "/taskInstances/" + Formats.segment(target.taskId())
                        + "/logs/" + target.tryNumber());
        pages.page(
                ctx, "log", "runs", head, new LogTail(chunk.text(), target.running(), tailHref(target, chunk.next())));
    }

    /** {@code ?from=OFFSET}: the new text and, while the try still runs, the element that asks again. */
    void tail(Context ctx) {
        Target target = target(ctx);
        long from = Paging.intParam(ctx, "from", 0, 0, Integer.MAX_VALUE);
        LogChunk chunk = target.log()
                .map(log -> LogChunk.from(log, from, POLL_BYTES))
                .orElseGet(() -> new LogChunk("", from, false));
        pages.fragment(ctx, "log_tail", new LogTail(chunk.text(), target.running(), tailHref(target, chunk.next())));
    }

    private Target target(Context ctx) {
        String runId = PathIds.id(ctx, "run_id");
        String taskId = PathIds.id(ctx, "task_id");
        int tryNumber = PathIds.positiveInt(ctx, "try");
        Run run = engine.runs().run(runId);
        TaskRun task = engine.runs().taskRuns(run.runId()).stream()
                .filter(t -> t.taskId().equals(taskId))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("run '" + run.runId() + "' has no task '" + taskId + "'"));
        TaskTry taskTry = engine.runs().tries(run.runId(), taskId).stream()
                .filter(t -> t.tryNumber() == tryNumber)
                .findFirst()
                .orElse(null);
        boolean running = task.state() == TaskState.RUNNING && task.tryNumber() == tryNumber;
        Optional<TryLog> log = engine.tryLog(run.runId(), taskId, tryNumber);
        if (taskTry == null && !running && log.isEmpty()) {
            throw new NotFoundException(
                    "task '" + taskId + "' of run '" + run.runId() + "' has no log for try " + tryNumber);
        }
        return new Target(run, taskId, tryNumber, log, running);
    }

    private static String tailHref(Target target, long next) {
        return TaskRow.logHref(target.run().runId(), target.taskId(), target.tryNumber()) + "/tail?from=" + next;
    }
}
