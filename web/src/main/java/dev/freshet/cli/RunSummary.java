package dev.freshet.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.TaskRun;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one JSON document {@code freshet run --output json} prints. */
record RunSummary(
        @JsonProperty("run_id") String runId,
        @JsonProperty("workflow_id") String workflowId,
        @JsonProperty("state") String state,
        @JsonProperty("params") Map<String, Object> params,
        @JsonProperty("metrics") Map<String, Double> metrics,
        @JsonProperty("tasks") Map<String, String> tasks,

        @JsonProperty("model") @JsonInclude(JsonInclude.Include.ALWAYS)
        ModelSummary model) {

    record ModelSummary(
            @JsonProperty("name") String name,
            @JsonProperty("version") Integer version,
            @JsonProperty("uri") String uri,
            @JsonProperty("promoted") boolean promoted) {}

    static RunSummary of(Run run, Map<String, Double> metrics, List<TaskRun> tasks) {
        Map<String, String> states = new LinkedHashMap<>();
        ModelSummary model = null;
        for (TaskRun task : tasks) {
            states.put(task.taskId(), task.state().wireName());
            Map<String, Object> out = task.outputs();
            if (out.containsKey("model_name") && out.containsKey("promoted")) {
                Object version = out.get("version");
                Object path = out.get("model_path");
                model = new ModelSummary(
                        String.valueOf(out.get("model_name")),
                        version == null ? null : Integer.valueOf(version.toString()),
                        path == null ? null : Path.of(path.toString()).toUri().toString(),
                        Boolean.parseBoolean(String.valueOf(out.get("promoted"))));
            }
        }
        return new RunSummary(
                run.runId(), run.workflowId(), run.state().wireName(), run.params(), metrics, states, model);
    }
}
