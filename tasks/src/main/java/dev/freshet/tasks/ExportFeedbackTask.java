package dev.freshet.tasks;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.monitoring.LabelledPrediction;
import dev.freshet.engine.task.TaskConfig;
import dev.freshet.engine.task.TaskContext;
import dev.freshet.engine.task.TaskResult;
import dev.freshet.engine.task.TaskType;
import dev.freshet.engine.tracking.ModelVersion;
import dev.freshet.engine.workflow.Durations;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code export.feedback {model, to, target, since}}: the model's labelled predictions — the features it was served
 * and the ground truth that came back — as a training batch CSV in the folder {@code to}, with the feature names of
 * the versions that scored them and the label as column {@code target}. The file appears whole (written aside, then
 * moved), named by the run, so the next ingest can take it and a retry replaces it. {@code since} keeps the
 * predictions made at or after an ISO instant, or within a duration before now ({@code 7d}).
 */
public final class ExportFeedbackTask implements TaskType {
    private static final Set<String> KEYS = Set.of("model", "to", "target", "since");

    @Override
    public String type() {
        return "export.feedback";
    }

    @Override
    public TaskResult run(TaskContext context) throws IOException {
        TaskConfig config = context.config();
        ConfigKeys.requireKnown(config, KEYS);
        String model = config.string("model");
        String target = config.string("target", "label");
        Path folder = context.resolvePath(config.string("to"));
        Optional<Instant> since = config.optString("since").map(text -> since(context, text));
        Files.createDirectories(folder);
        Path file = folder.resolve("feedback-" + model + "-" + context.runId() + ".csv");
        Path partial = folder.resolve("." + file.getFileName() + ".partial");
        Batch batch = new Batch(context, model, target);
        try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            batch.out = out;
            context.monitoring().labelled(model, since, batch::write);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            if (batch.rows == 0) {
                Files.deleteIfExists(partial);
            }
        }
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("model", model);
        outputs.put("versions", List.copyOf(batch.versions));
        outputs.put("rows", batch.rows);
        outputs.put("first_prediction_id", batch.firstId);
        outputs.put("last_prediction_id", batch.lastId);
        outputs.put("since", since.map(Instant::toString).orElse(null));
        if (batch.rows == 0) {
            context.log().info("no labelled predictions of {} to export", model);
            outputs.put("path", null);
            return TaskResult.of(outputs);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        context.log()
                .info(
                        "exported {} labelled predictions of {} (versions {}, ids {} .. {}) to {}",
                        batch.rows,
                        model,
                        batch.versions,
                        batch.firstId,
                        batch.lastId,
                        file);
        outputs.put("path", file.toString());
        return TaskResult.of(outputs);
    }

    private static Instant since(TaskContext context, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notInstant) {
            try {
                return context.clock().instant().minus(Durations.parse(text));
            } catch (InvalidInputException notDuration) {
                throw context.config()
                        .error(
                                "since",
                                "must be an ISO instant such as 2024-03-01T00:00:00Z or a duration such as 7d, got '"
                                        + text + "'");
            }
        }
    }

    /** The CSV as it is written: a header from the first row's version, then one line per labelled prediction. */
    private static final class Batch {
        private final TaskContext context;
        private final String model;
        private final String target;
        private final Map<Integer, List<String>> featuresByVersion = new HashMap<>();
        final TreeSet<Integer> versions = new TreeSet<>();
        BufferedWriter out;
        List<String> header;
        int rows;
        String firstId;
        String lastId;

        Batch(TaskContext context, String model, String target) {
            this.context = context;
            this.model = model;
            this.target = target;
        }

        void write(LabelledPrediction row) {
            List<String> names = featuresByVersion.computeIfAbsent(row.version(), this::featureNames);
            try {
                if (header == null) {
                    if (names.contains(target)) {
                        throw context.config().error("target", "'" + target + "' is a feature of " + model);
                    }
                    header = names;
                    List<String> columns = new ArrayList<>(names);
                    columns.add(target);
                    out.write(
                            String.join(",", columns.stream().map(Batch::quoted).toList()));
                    out.newLine();
                } else if (!names.equals(header)) {
                    throw new InvalidInputException(model + " version " + row.version() + " has the features " + names
                            + ", other versions " + header + "; export one version at a time (since:)");
                }
                if (row.features().length != names.size()) {
                    throw new InvalidInputException("prediction " + row.predictionId() + " has "
                            + row.features().length + " features; " + model + " version " + row.version() + " has "
                            + names.size());
                }
                StringBuilder line = new StringBuilder();
                for (double value : row.features()) {
                    line.append(value).append(',');
                }
                out.write(line.append(row.label()).toString());
                out.newLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            versions.add(row.version());
            rows++;
            firstId = firstId == null ? row.predictionId() : firstId;
            lastId = row.predictionId();
        }

        private List<String> featureNames(int version) {
            ModelVersion registered = context.models().version(model, version);
            if (!(registered.lineage().get("features") instanceof List<?> names)) {
                throw new InvalidInputException(model + " version " + version + " records no feature names");
            }
            return names.stream().map(String::valueOf).toList();
        }

        private static String quoted(String name) {
            return name.contains(",") || name.contains("\"") ? '"' + name.replace("\"", "\"\"") + '"' : name;
        }
    }
}
