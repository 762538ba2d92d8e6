package dev.freshet.web.ui;

import dev.freshet.engine.Engine;
import dev.freshet.engine.NotFoundException;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunPage;
import dev.freshet.engine.run.RunQuery;
import dev.freshet.engine.run.TaskRun;
import dev.freshet.engine.tracking.ModelVersion;
import dev.freshet.engine.workflow.Workflow;
import dev.freshet.web.Paging;
import dev.freshet.web.PathIds;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The server-rendered pages: runs, one run, a try's log, workflows and models. */
public final class UiRoutes {
    static final int RUNS_PER_PAGE = 25;
    static final int LOG_TAIL_BYTES = 1 << 20;

    private final Engine engine;
    private final PageRenderer renderer;

    public UiRoutes(Engine engine, PageRenderer renderer) {
        this.engine = engine;
        this.renderer = renderer;
    }

    public void register(JavalinDefaultRouting routes) {
        routes.get("/", this::runs);
        routes.get("/runs/{run_id}", this::run);
        routes.get("/runs/{run_id}/tasks/{task_id}/logs/{try}", this::log);
        routes.get("/workflows", this::workflows);
        routes.get("/models", this::models);
    }

    private void runs(Context ctx) {
        int page = Paging.intParam(ctx, "page", 1, 1, Integer.MAX_VALUE);
        long offset = (long) (page - 1) * RUNS_PER_PAGE;
        RunPage runs = offset > Integer.MAX_VALUE ? new RunPage(List.of(), 0)
                : engine.runs().runs(new RunQuery(null, null, null, RUNS_PER_PAGE, (int) offset));
        Instant now = engine.config().clock().instant();
        List<RunRow> rows = runs.runs().stream()
                .map(run -> RunRow.of(run, engine.tracking().metrics(run.runId()), now)).toList();
        long pages = Math.max(1, (runs.totalEntries() + RUNS_PER_PAGE - 1) / RUNS_PER_PAGE);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("runs", rows);
        model.put("page", page);
        model.put("pages", pages);
        model.put("total", runs.totalEntries());
        model.put("previousHref", page > 1 ? "/?page=" + (page - 1) : null);
        model.put("nextHref", page < pages ? "/?page=" + (page + 1) : null);
        ctx.html(renderer.render("runs", model));
    }

    private void run(Context ctx) {
        Run run = engine.runs().run(PathIds.id(ctx, "run_id"));
        Instant now = engine.config().clock().instant();
        List<TaskRow> tasks = new ArrayList<>();
        for (TaskRun task : engine.runs().taskRuns(run.runId())) {
            tasks.add(TaskRow.of(task, engine.runs().tries(run.runId(), task.taskId()), now));
        }
        Map<String, String> metrics = new TreeMap<>();
        engine.tracking().metrics(run.runId()).forEach((k, v) -> metrics.put(k, Formats.number(v)));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("run", RunRow.of(run, Map.of(), now));
        model.put("experimentId", run.experimentId());
        model.put("triggeredBy", run.triggeredBy());
        model.put("tasks", tasks);
        model.put("params", new TreeMap<>(engine.tracking().params(run.runId())));
        model.put("metrics", metrics);
        model.put("artifacts", engine.tracking().artifacts(run.runId()).stream()
                .map(a -> Map.of("path", a.path(), "uri", a.uri(), "size", a.sizeBytes())).toList());
        ctx.html(renderer.render("run", model));
    }

    private void log(Context ctx) {
        String runId = PathIds.id(ctx, "run_id");
        String taskId = PathIds.id(ctx, "task_id");
        int tryNumber = PathIds.positiveInt(ctx, "try");
        Run run = engine.runs().run(runId);
        engine.runs().taskRuns(run.runId()).stream().filter(t -> t.taskId().equals(taskId)).findFirst()
                .orElseThrow(() -> new NotFoundException("run '" + run.runId() + "' has no task '" + taskId + "'"));
        Path file = engine.logFile(run.runId(), taskId, tryNumber);
        if (!Files.isRegularFile(file)) {
            throw new NotFoundException("task '" + taskId + "' of run '" + run.runId() + "' has no log for try "
                    + tryNumber);
        }
        LogTail tail = LogTail.read(file, LOG_TAIL_BYTES);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("runId", run.runId());
        model.put("runHref", "/runs/" + Formats.segment(run.runId()));
        model.put("taskId", taskId);
        model.put("tryNumber", tryNumber);
        model.put("text", tail.text());
        model.put("truncated", tail.truncated());
        model.put("rawHref", "/api/v1/dags/" + Formats.segment(run.workflowId()) + "/dagRuns/"
                + Formats.segment(run.runId()) + "/taskInstances/" + Formats.segment(taskId) + "/logs/" + tryNumber);
        ctx.html(renderer.render("log", model));
    }

    private void workflows(Context ctx) {
        List<WorkflowRow> rows = engine.workflows().stream().sorted(Comparator.comparing(Workflow::id))
                .map(w -> WorkflowRow.of(w, engine.isPaused(w.id()), engine.nextFireTime(w.id()))).toList();
        ctx.html(renderer.render("workflows", Map.of("workflows", rows)));
    }

    private void models(Context ctx) {
        List<ModelSection> sections = engine.models().modelNames().stream().sorted().map(name -> ModelSection.of(
                name, engine.models().aliased(name, "champion").map(ModelVersion::version).orElse(null),
                engine.models().versions(name), engine.models().promotionLog(name))).toList();
        ctx.html(renderer.render("models", Map.of("models", sections)));
    }

    /** The end of a log file, at most {@code maxBytes}, decoded leniently. */
    record LogTail(String text, boolean truncated) {
        static LogTail read(Path file, int maxBytes) {
            try (FileChannel channel = FileChannel.open(file)) {
                long size = channel.size();
                long start = Math.max(0, size - maxBytes);
                ByteBuffer buffer = ByteBuffer.allocate((int) (size - start));
                channel.position(start);
                while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                    // keep reading
                }
                return new LogTail(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8),
                        start > 0);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }
}
