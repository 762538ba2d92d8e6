package dev.freshet.engine.scheduling;

import dev.freshet.engine.workflow.Workflow;
import dev.freshet.engine.workflow.WorkflowParser;

import java.time.Instant;
import java.util.Set;

/** Small scheduled workflows for tests, parsed from YAML as users write them. */
final class Workflows {
    private static final WorkflowParser PARSER = new WorkflowParser(Set.of("noop", "sleep", "shell"));

    private Workflows() {}

    static Workflow scheduled(
            String id, String schedule, String timezone, boolean catchup, Instant startDate, Instant endDate) {
        return PARSER.parse(yaml(id, schedule, timezone, catchup, startDate, endDate, ""), id + ".yaml");
    }

    /** A scheduled workflow file's text; {@code extra} is more top-level YAML. */
    static String yaml(
            String id,
            String schedule,
            String timezone,
            boolean catchup,
            Instant startDate,
            Instant endDate,
            String extra) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("id: ").append(id).append('\n');
        yaml.append("schedule: \"").append(schedule).append("\"\n");
        yaml.append("timezone: ").append(timezone).append('\n');
        yaml.append("catchup: ").append(catchup).append('\n');
        if (startDate != null) {
            yaml.append("start_date: ").append(startDate).append('\n');
        }
        if (endDate != null) {
            yaml.append("end_date: ").append(endDate).append('\n');
        }
        yaml.append(extra);
        yaml.append("tasks:\n  - {id: only, type: noop}\n");
        return yaml.toString();
    }
}
