package dev.freshet.engine.run;

import dev.freshet.engine.monitoring.Monitoring;
import dev.freshet.engine.task.TaskConfig;
import dev.freshet.engine.task.TaskTypeRegistry;
import dev.freshet.engine.tracking.ModelRegistry;
import dev.freshet.engine.tracking.Tracking;
import dev.freshet.engine.workflow.TaskSpec;
import dev.freshet.engine.workflow.Workflow;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Builds what a try's task sees: its config rendered with the template variables ({@code params}, {@code run},
 * {@code tasks.X.outputs}), the outputs of its upstream tasks nearest first, its workflow's folder, its log.
 */
final class TryContextFactory {
    private final TemplateRenderer templates = new TemplateRenderer();
    private final TaskTypeRegistry taskTypes;
    private final Tracking tracking;
    private final ModelRegistry models;
    private final TryProcesses processes;
    private final Clock clock;
    private volatile Monitoring monitoring;

    TryContextFactory(
            TaskTypeRegistry taskTypes, Tracking tracking, ModelRegistry models, TryProcesses processes, Clock clock) {
        this.taskTypes = taskTypes;
        this.tracking = tracking;
        this.models = models;
        this.processes = processes;
        this.clock = clock;
    }

    void useMonitoring(Monitoring monitoring) {
        this.monitoring = monitoring;
    }

    RunningTaskContext contextFor(TryKey key, StartedTry started, FileTaskLog log) {
        Map<String, Object> rendered = templates.render(
                key.taskId(),
                started.spec().with(),
                variables(key, started),
                taskTypes.get(started.spec().type()).shellQuotedFields());
        log.maskSecretsIn(rendered);
        Path workflowDir = started.workflow().source() == null
                ? Path.of(".").toAbsolutePath().normalize()
                : started.workflow().source().toAbsolutePath().getParent();
        Map<String, Map<String, Object>> upstream = new LinkedHashMap<>();
        for (String id : ancestorsNearestFirst(started.workflow(), started.spec())) {
            upstream.put(id, started.upstreamOutputs().getOrDefault(id, Map.of()));
        }
        return new RunningTaskContext(
                key,
                started.run(),
                new TaskConfig(key.taskId(), rendered),
                upstream,
                workflowDir,
                log,
                tracking,
                models,
                monitoring,
                clock,
                processes);
    }

    static Map<String, Object> variables(TryKey key, StartedTry started) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("params", started.run().params());
        Map<String, Object> runVars = new LinkedHashMap<>();
        runVars.put("id", started.run().runId());
        runVars.put("logical_date", started.run().logicalDate().toString());
        runVars.put("workflow_id", started.run().workflowId());
        runVars.put("try_number", key.tryNumber());
        variables.put("run", runVars);
        Map<String, Object> taskVars = new LinkedHashMap<>();
        started.workflow()
                .tasks()
                .forEach(t -> taskVars.put(
                        t.id(), Map.of("outputs", started.upstreamOutputs().getOrDefault(t.id(), Map.of()))));
        variables.put("tasks", taskVars);
        return variables;
    }

    /** The task's direct upstream tasks, then theirs, and so on (breadth first). */
    static List<String> ancestorsNearestFirst(Workflow workflow, TaskSpec spec) {
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        ArrayDeque<String> frontier = new ArrayDeque<>(spec.needs());
        while (!frontier.isEmpty()) {
            String id = frontier.poll();
            if (seen.add(id)) {
                workflow.task(id).ifPresent(t -> frontier.addAll(t.needs()));
            }
        }
        return new ArrayList<>(seen);
    }
}
