package dev.freshet.engine.workflow;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.error.NotFoundException;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A workflow as read from its YAML file: a DAG of tasks plus when and how it runs. Instances are always valid: ids
 * are well formed and unique, every need names a task of the workflow, and the tasks have no cycle.
 *
 * @param description   "" when there is none
 * @param schedule      null for a workflow that only runs when triggered
 * @param maxActiveRuns how many runs of this workflow may be active at once
 * @param maxActiveTasks how many task instances of this workflow may run at once, over all its runs
 * @param dagrunTimeout null for no limit on a whole run
 * @param startDate     null for "from now"; no scheduled run is before it
 * @param endDate       null for "no end"; no scheduled run is after it
 * @param params        name to spec, in file order; a trigger's conf overrides the defaults
 * @param tasks         in file order
 * @param trigger       what starts a run besides the schedule and a person ({@link WorkflowTrigger#NONE}: nothing)
 * @param source        the file it was read from; null when it was parsed from a string
 * @param sourceHash    SHA-256 of the file's bytes in lower-case hex, to tell versions apart
 */
public record Workflow(
        String id,
        String description,
        Schedule schedule,
        ZoneId timezone,
        boolean catchup,
        int maxActiveRuns,
        int maxActiveTasks,
        Duration dagrunTimeout,
        Instant startDate,
        Instant endDate,
        List<String> tags,
        Map<String, ParamSpec> params,
        TaskDefaults defaults,
        List<TaskSpec> tasks,
        WorkflowTrigger trigger,
        Path source,
        String sourceHash) {
    public static final ZoneId DEFAULT_TIMEZONE = ZoneId.of("UTC");
    public static final int DEFAULT_MAX_ACTIVE_RUNS = 16;
    public static final int DEFAULT_MAX_ACTIVE_TASKS = 16;
    /** The most tasks a workflow may have; a file with more is refused at load. */
    public static final int MAX_TASKS = 1000;

    private static final Pattern SHA_256_HEX = Pattern.compile("[0-9a-f]{64}");

    public Workflow {
        Ids.require("workflow id", id);
        description = description == null ? "" : description;
        timezone = timezone == null ? DEFAULT_TIMEZONE : timezone;
        if (maxActiveRuns < 1) {
            throw new InvalidInputException("max_active_runs must be at least 1, got " + maxActiveRuns);
        }
        if (maxActiveTasks < 1) {
            throw new InvalidInputException("max_active_tasks must be at least 1, got " + maxActiveTasks);
        }
        if (dagrunTimeout != null && (dagrunTimeout.isNegative() || dagrunTimeout.isZero())) {
            throw new InvalidInputException("dagrun_timeout must be positive, got " + dagrunTimeout);
        }
        if (startDate != null && endDate != null && endDate.isBefore(startDate)) {
            throw new InvalidInputException("end_date " + endDate + " is before start_date " + startDate);
        }
        tags = tags == null ? List.of() : List.copyOf(tags);
        params = copyParams(params);
        defaults = defaults == null ? TaskDefaults.BUILT_IN : defaults;
        tasks = TaskList.of(tasks);
        checkTasks(id, tasks);
        trigger = trigger == null ? WorkflowTrigger.NONE : trigger;
        if (sourceHash == null || !SHA_256_HEX.matcher(sourceHash).matches()) {
            throw new InvalidInputException("sourceHash must be a lower-case hex SHA-256, got " + sourceHash);
        }
    }

    /** Whether a run of this workflow starts when {@code dataset} is produced. */
    public boolean consumes(String dataset) {
        return trigger.datasetTrigger()
                .filter(t -> t.datasets().contains(dataset))
                .isPresent();
    }

    public Optional<TaskSpec> task(String taskId) {
        return Optional.ofNullable(((TaskList) tasks).byId(taskId));
    }

    /** The tasks that {@code taskId} needs, in the order of its {@code needs}. */
    public List<TaskSpec> upstream(String taskId) {
        return requireTask(taskId).needs().stream()
                .map(need -> task(need).orElseThrow())
                .toList();
    }

    /** The tasks that need {@code taskId}, in file order. */
    public List<TaskSpec> downstream(String taskId) {
        requireTask(taskId);
        return tasks.stream().filter(task -> task.needs().contains(taskId)).toList();
    }

    /** Every task after all the tasks it needs; among tasks that could go in either order, file order decides. */
    public List<TaskSpec> topologicalOrder() {
        Map<String, TaskSpec> byId = tasks.stream().collect(Collectors.toMap(TaskSpec::id, task -> task));
        return graph(tasks).topologicalOrder().stream().map(byId::get).toList();
    }

    /** Param name to default value, in file order; a value is null where a param has no default. */
    public Map<String, Object> defaultParams() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        params.forEach((name, spec) -> defaults.put(name, spec.defaultValue()));
        return Collections.unmodifiableMap(defaults);
    }

    private TaskSpec requireTask(String taskId) {
        return task(taskId)
                .orElseThrow(() -> new NotFoundException("workflow '" + id + "' has no task '" + taskId + "'"));
    }

    private static Map<String, ParamSpec> copyParams(Map<String, ParamSpec> params) {
        if (params == null) {
            return Map.of();
        }
        params.forEach((name, spec) -> {
            if (spec == null || !spec.name().equals(name)) {
                throw new InvalidInputException("param '" + name + "' is stored under the name of another param");
            }
        });
        return Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    private static void checkTasks(String workflowId, List<TaskSpec> tasks) {
        if (tasks.isEmpty()) {
            throw new InvalidInputException("workflow '" + workflowId + "' has no tasks");
        }
        Map<String, TaskSpec> byId = new HashMap<>();
        for (TaskSpec task : tasks) {
            if (byId.putIfAbsent(task.id(), task) != null) {
                throw new InvalidInputException(
                        "workflow '" + workflowId + "' has two tasks with id '" + task.id() + "'");
            }
        }
        for (TaskSpec task : tasks) {
            for (String need : task.needs()) {
                if (!byId.containsKey(need)) {
                    throw new InvalidInputException("task '" + task.id() + "' needs unknown task '" + need + "'");
                }
            }
        }
        List<List<String>> cycles = graph(tasks).cycles();
        if (!cycles.isEmpty()) {
            throw new InvalidInputException("workflow '" + workflowId + "' has a " + TaskGraph.describe(cycles.get(0)));
        }
    }

    private static TaskGraph graph(List<TaskSpec> tasks) {
        LinkedHashMap<String, List<String>> needsById = new LinkedHashMap<>();
        tasks.forEach(task -> needsById.put(task.id(), task.needs()));
        return new TaskGraph(needsById);
    }
}
