package dev.freshet.web.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.freshet.engine.workflow.Workflow;

import java.time.Instant;
import java.util.List;

/**
 * A workflow as Airflow's stable API shows a DAG. Every loaded workflow is active (a file that no longer loads keeps
 * its last good version); workflows have no owners, so {@code owners} is empty.
 */
public record DagView(
        String dagId,
        String dagDisplayName,
        String description,
        @JsonProperty("is_paused") boolean isPaused,
        @JsonProperty("is_active") boolean isActive,
        @JsonProperty("is_subdag") boolean isSubdag,
        String rootDagId,
        List<String> owners,
        ScheduleInterval scheduleInterval,
        String timetableDescription,
        Instant nextDagrun,
        String fileloc,
        List<Tag> tags,
        int maxActiveRuns,
        int maxActiveTasks,
        boolean hasTaskConcurrencyLimits,
        boolean hasImportErrors,
        String defaultView) {

    /** Airflow's schedule object, e.g. {@code {"__type": "CronExpression", "value": "0 0 * * *"}}. */
    public record ScheduleInterval(@JsonProperty("__type") String type, String value) {}

    public record Tag(String name) {}

    public static DagView of(Workflow workflow, boolean paused, Instant nextFire, boolean hasImportErrors) {
        ScheduleInterval schedule = workflow.schedule() == null
                ? null
                : new ScheduleInterval("CronExpression", workflow.schedule().expression());
        String timetable = workflow.schedule() == null
                ? "Never, external triggers only"
                : "'" + workflow.schedule().expression() + "' in "
                        + workflow.timezone().getId();
        return new DagView(
                workflow.id(),
                workflow.id(),
                workflow.description(),
                paused,
                true,
                false,
                null,
                List.of(),
                schedule,
                timetable,
                nextFire,
                workflow.source() == null ? "" : workflow.source().toString(),
                workflow.tags().stream().map(Tag::new).toList(),
                workflow.maxActiveRuns(),
                workflow.maxActiveTasks(),
                false,
                hasImportErrors,
                "grid");
    }
}
