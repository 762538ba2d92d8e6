package dev.freshet.tasks;

import dev.freshet.engine.FreshetException;
import dev.freshet.engine.task.TaskContext;
import dev.freshet.engine.task.TaskResult;
import dev.freshet.engine.task.TaskType;
import dev.freshet.tasks.data.Check;
import dev.freshet.tasks.data.DataRequirements;
import dev.freshet.tasks.data.DataValidator;
import dev.freshet.tasks.data.ValidationReport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code validate.data {min_rows, columns}}: the gate before training. Required columns are the target, the
 * {@code columns} listed, and — when the model has a champion — the champion's features. Writes a JSON report of
 * every check; a failed check fails the task with the check, column and rows, so nothing downstream trains on it.
 */
public final class ValidateDataTask implements TaskType {
    @Override
    public String type() {
        return "validate.data";
    }

    @Override
    public TaskResult run(TaskContext context) throws IOException {
        Path dataset = Path.of(Upstream.require(context, "dataset_path", "ingest"));
        String target = Upstream.require(context, "target", "ingest");
        int minRows = context.config().integer("min_rows", 1);
        Set<String> required = new LinkedHashSet<>(context.config().stringList("columns"));
        required.add(target);
        String model = context.config().string("model", context.workflowId());
        context.models().aliased(model, "champion").ifPresent(champion -> {
            Object features = champion.lineage().get("features");
            if (features instanceof List<?> list) {
                list.forEach(f -> required.add(String.valueOf(f)));
            }
        });
        ValidationReport report = new DataValidator(new DataRequirements(new ArrayList<>(required), minRows))
                .validate(dataset);
        Path reportFile = context.artifactDir().resolve("validation_report.json");
        Files.writeString(reportFile, report.toJson(), StandardCharsets.UTF_8);
        context.logArtifact("validation/report.json", reportFile);
        List<Check> failures = report.failures();
        context.logMetric("validation_failed_checks", failures.size());
        if (!failures.isEmpty()) {
            String why = failures.stream().map(ValidateDataTask::describe).collect(Collectors.joining("; "));
            throw new FreshetException("data validation failed: " + why);
        }
        context.log().info("all {} checks passed on {}", report.checks().size(), dataset.getFileName());
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("passed", true);
        outputs.put("checks", report.checks().size());
        outputs.put("report_path", reportFile.toString());
        return TaskResult.of(outputs);
    }

    private static String describe(Check check) {
        return check.name() + (check.column() == null ? "" : " [" + check.column() + "]") + ": " + check.message();
    }
}
