package dev.freshet.web.ui;

import dev.freshet.engine.Engine;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunService;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.TaskRun;
import dev.freshet.engine.run.TaskState;
import dev.freshet.engine.run.TaskTry;
import dev.freshet.engine.tracking.Artifact;
import dev.freshet.engine.tracking.ModelVersion;
import dev.freshet.engine.workflow.TaskSpec;
import dev.freshet.engine.workflow.Workflow;
import dev.freshet.engine.workflow.WorkflowVersion;
import dev.freshet.web.PathIds;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One run: its DAG with live task states, a Gantt of the tries, the tasks with their logs, params, metrics, the
 * validation report, the blessing and the model version it registered. While the run is unfinished the page
 * polls {@code /runs/{id}/live} every second and swaps that part in place (htmx), so it never reloads.
 */
final class RunDetailPage {
    private final Engine engine;
    private final Pages pages;

    RunDetailPage(Engine engine, Pages pages) {
        this.engine = engine;
        this.pages = pages;
    }

    /** A model version a run registered, with the aliases pointing at it now. */
    public record ProducedModel(String name, int version, String uri, List<String> aliases, String metrics) {}

    public record ArtifactRow(String path, String task, String uri, long size, String sha256) {}

    /**
     * The run page's head: where its workflow, experiment and cancel button lead, the workflow version it ran
     * ({@code version} null for a run older than recorded versions), who triggered it and the dataset lineage.
     */
    record RunHead(
            String cancelHref,
            String workflowHref,
            RunVersion version,
            String triggeredBy,
            long experimentId,
            String experimentHref,
            List<LineageLink> startedFrom,
            List<LineageLink> startedRuns) {}

    /**
     * The workflow version a run ran: a link to its text when it is numbered, and to its diff with the current
     * version when that moved on since (both null otherwise).
     */
    record RunVersion(String shortHash, int number, String href, String diffHref, boolean current) {}

    /** What the page polls while the run is unfinished ({@code live}) and swaps in place. */
    record RunLive(
            RunRow run,
            boolean live,
            String liveHref,
            String cancelledBy,
            DagGraph graph,
            GanttChart gantt,
            List<TaskRow> tasks,
            Map<String, String> params,
            Map<String, String> metrics,
            List<ProducedModel> producedModels,
            RunDocuments.BlessingView blessing,
            RunDocuments.ValidationView validation,
            List<ArtifactRow> artifacts) {}

    void page(Context ctx) {
        Run run = engine.runs().run(PathIds.id(ctx, "run_id"));
        RunHead head = new RunHead(
                "/ui" + Formats.runHref(run.runId()) + "/cancel",
                "/runs?workflow=" + Formats.segment(run.workflowId()),
                version(run),
                run.triggeredBy(),
                run.experimentId(),
                "/experiments/" + run.experimentId(),
                engine.runs().datasetsConsumedBy(run.runId()).stream()
                        .map(c -> LineageLink.of(
                                c.event().dataset(),
                                c.event().workflowId(),
                                c.event().runId()))
                        .toList(),
                engine.runs().runsStartedBy(run.runId()).stream()
                        .map(c -> LineageLink.of(c.event().dataset(), c.workflowId(), c.runId()))
                        .toList());
        pages.page(ctx, "run", "runs", head, live(run));
    }

    void live(Context ctx) {
        Run run = engine.runs().run(PathIds.id(ctx, "run_id"));
        pages.fragment(ctx, "run_live", live(run));
    }

    private RunVersion version(Run run) {
        if (run.workflowHash() == null) {
            return null;
        }
        int number = engine.versionNumber(run.workflowId(), run.workflowHash());
        String current = engine.currentVersion(run.workflowId()).orElse(null);
        return new RunVersion(
                WorkflowVersion.shortHash(run.workflowHash()),
                number,
                number == 0 ? null : VersionPages.versionHref(run.workflowId(), run.workflowHash()),
                number == 0 || current == null || current.equals(run.workflowHash())
                        ? null
                        : VersionPages.diffHref(run.workflowId(), run.workflowHash(), current),
                run.workflowHash().equals(current));
    }

    /** Action: fails a queued or running run (its running tries are cancelled). */
    String cancel(Context ctx) {
        Run run = engine.runs().cancel(PathIds.id(ctx, "run_id"), "ui");
        pages.sessions().current(ctx).ifPresent(s -> s.flash(UiFlash.ok("run " + run.runId() + " cancelled")));
        return Formats.runHref(run.runId());
    }

    private RunLive live(Run run) {
        Instant now = engine.config().clock().instant();
        List<TaskRun> taskRuns = engine.runs().taskRuns(run.runId());
        Map<String, String> states = new LinkedHashMap<>();
        Map<String, String> latestLog = new LinkedHashMap<>();
        Map<String, List<TaskTry>> tries = new LinkedHashMap<>();
        Map<String, String> tryLogs = new LinkedHashMap<>();
        List<TaskSpec> specs = taskSpecs(run, taskRuns);
        Map<String, TaskRun> byId = new LinkedHashMap<>();
        taskRuns.forEach(t -> byId.put(t.taskId(), t));
        List<TaskRow> tasks = new ArrayList<>();
        for (TaskSpec spec : specs) {
            TaskRun task = byId.get(spec.id());
            if (task == null) {
                continue;
            }
            List<TaskTry> taskTries = withRunningTry(task, engine.runs().tries(run.runId(), task.taskId()));
            states.put(task.taskId(), task.state().wireName());
            if (!taskTries.isEmpty()) {
                int last = taskTries.get(taskTries.size() - 1).tryNumber();
                latestLog.put(task.taskId(), TaskRow.logHref(run.runId(), task.taskId(), last));
            }
            taskTries.forEach(t -> tryLogs.put(
                    task.taskId() + "/" + t.tryNumber(), TaskRow.logHref(run.runId(), task.taskId(), t.tryNumber())));
            tries.put(task.taskId(), taskTries);
            tasks.add(TaskRow.of(task, taskTries, now));
        }
        Map<String, String> metrics = new TreeMap<>();
        engine.tracking().metrics(run.runId()).forEach((k, v) -> metrics.put(k, Formats.number(v)));
        List<Artifact> artifacts = engine.tracking().artifacts(run.runId());
        return new RunLive(
                RunRow.of(run, Map.of(), now),
                !run.state().isTerminal(),
                Formats.runHref(run.runId()) + "/live",
                run.state() == RunState.FAILED
                        ? taskRuns.stream()
                                .map(t -> RunService.cancelledBy(t.error()))
                                .flatMap(Optional::stream)
                                .findFirst()
                                .orElse(null)
                        : null,
                DagGraph.of(specs, states, latestLog),
                GanttChart.of(tries, tryLogs, now),
                tasks,
                new TreeMap<>(engine.tracking().params(run.runId())),
                metrics,
                producedModels(run.runId()),
                RunDocuments.blessing(engine, artifacts).orElse(null),
                RunDocuments.validation(engine, artifacts).orElse(null),
                artifacts.stream()
                        .map(a -> new ArtifactRow(
                                a.path(),
                                a.taskId(),
                                a.uri(),
                                a.sizeBytes(),
                                a.sha256().substring(0, Math.min(12, a.sha256().length()))))
                        .toList());
    }

    /**
     * The tries of a task, with the one running now: the store records a try when it ends, but a running try already
     * has its log, which the page links to so that it can be followed.
     */
    private static List<TaskTry> withRunningTry(TaskRun task, List<TaskTry> ended) {
        if (task.state() != TaskState.RUNNING || ended.stream().anyMatch(t -> t.tryNumber() == task.tryNumber())) {
            return ended;
        }
        List<TaskTry> tries = new ArrayList<>(ended);
        tries.add(new TaskTry(
                task.runId(),
                task.taskId(),
                task.tryNumber(),
                TaskState.RUNNING,
                task.startDate(),
                null,
                null,
                task.hostname()));
        return tries;
    }

    /**
     * The workflow's tasks in topological order; tasks the run has but the workflow no longer defines (it changed
     * since) are shown without edges, after the others.
     */
    private List<TaskSpec> taskSpecs(Run run, List<TaskRun> taskRuns) {
        List<TaskSpec> specs = new ArrayList<>();
        Workflow workflow = engine.workflowOf(run).orElse(null);
        if (workflow != null) {
            specs.addAll(workflow.topologicalOrder());
        }
        for (TaskRun task : taskRuns) {
            if (specs.stream().noneMatch(s -> s.id().equals(task.taskId()))) {
                specs.add(new TaskSpec(
                        task.taskId(),
                        task.taskType() == null ? "?" : task.taskType(),
                        List.of(),
                        Map.of(),
                        null,
                        null,
                        null));
            }
        }
        return specs;
    }

    private List<ProducedModel> producedModels(String runId) {
        List<ProducedModel> produced = new ArrayList<>();
        for (String name : engine.models().modelNames()) {
            Map<String, Integer> aliases = engine.models().aliases(name);
            for (ModelVersion version : engine.models().versions(name)) {
                if (version.runId().equals(runId)) {
                    List<String> pointing = aliases.entrySet().stream()
                            .filter(e -> e.getValue() == version.version())
                            .map(Map.Entry::getKey)
                            .sorted()
                            .toList();
                    produced.add(new ProducedModel(
                            name, version.version(), version.uri(), pointing, Formats.metrics(version.metrics(), 6)));
                }
            }
        }
        return produced;
    }

    /** A run at the other end of a dataset event, for the run page's lineage. */
    public record LineageLink(String dataset, String workflowId, String runId, String href) {
        static LineageLink of(String dataset, String workflowId, String runId) {
            return new LineageLink(dataset, workflowId, runId, Formats.runHref(runId));
        }
    }
}
