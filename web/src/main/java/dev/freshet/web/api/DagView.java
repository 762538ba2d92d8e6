package dev.freshet.web.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.freshet.engine.workflow.Workflow;

import java.time.Instant;
import java.util.List;

/** A workflow as Airflow's stable API shows a DAG. */
public record DagView(String dagId, String description, @JsonProperty("is_paused") boolean isPaused,
                      ScheduleInterval scheduleInterval, String timetableDescription, Instant nextDagrun,
                      String fileloc, List<Tag> tags, int maxActiveRuns) {

    /** Airflow's schedule object, e.g. {@code {"__type": "CronExpression", "value": "0 0 * * *"}}. */
    public record ScheduleInterval(@JsonProperty("__type") String type, String value) {
    }

    public record Tag(String name) {
    }

    public static DagView of(Workflow workflow, boolean paused, Instant nextFire) {
        ScheduleInterval schedule = workflow.schedule() == null ? null
                : new ScheduleInterval("CronExpression", workflow.schedule().expression());
        String timetable = workflow.schedule() == null ? "Never, external triggers only"
                : "'" + workflow.schedule().expression() + "' in " + workflow.timezone().getId();
        return new DagView(workflow.id(), workflow.description(), paused, schedule, timetable, nextFire,
                workflow.source() == null ? null : workflow.source().toString(),
                workflow.tags().stream().map(Tag::new).toList(), workflow.maxActiveRuns());
    }
}
