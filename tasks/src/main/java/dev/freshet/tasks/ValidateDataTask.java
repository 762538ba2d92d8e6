package dev.freshet.tasks;

import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.events.EventKind;
import dev.freshet.engine.task.ArtifactRef;
import dev.freshet.engine.task.TaskContext;
import dev.freshet.engine.task.TaskResult;
import dev.freshet.engine.task.TaskType;
import dev.freshet.engine.tracking.ModelVersion;
import dev.freshet.tasks.data.Check;
import dev.freshet.tasks.data.CheckKind;
import dev.freshet.tasks.data.ColumnSchema;
import dev.freshet.tasks.data.CsvTableReader;
import dev.freshet.tasks.data.DataValidator;
import dev.freshet.tasks.data.DatasetManifest;
import dev.freshet.tasks.data.DatasetScan;
import dev.freshet.tasks.data.Progress;
import dev.freshet.tasks.data.RowLocator;
import dev.freshet.tasks.data.Schema;
import dev.freshet.tasks.data.SnapshotData;
import dev.freshet.tasks.data.SnapshotReader;
import dev.freshet.tasks.data.ValidationData;
import dev.freshet.tasks.data.ValidationInput;
import dev.freshet.tasks.data.ValidationReport;
import dev.freshet.tasks.data.Verdict;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.freshet.engine.tracking.ModelRegistry.CHAMPION;

/**
 * {@code validate.data}: the gate before training. Checks the ingested data against a schema (declared in
 * {@code schema:}, else the champion's, which was stored with it as {@code validation/schema.json}), quality limits
 * and drift from the champion's training data, writes every check to {@code validation/report.json}, and stores the
 * schema this data satisfies as {@code validation/schema.json} for the model it will train. A check that fails
 * fails the task, naming the check, the column and the rows, so nothing downstream trains on the data and the
 * champion stays where it is; a warning (drift, by default) is logged and lets the data through.
 */
public final class ValidateDataTask implements TaskType {
    private static final int MAX_FAILURES_IN_ERROR = 8;
    private static final int EVENT_CHECKS = 20;
    private static final Set<String> DRIFT_CHECKS = Arrays.stream(CheckKind.values())
            .filter(k -> k.group().equals("drift"))
            .map(CheckKind::checkName)
            .collect(Collectors.toUnmodifiableSet());

    @Override
    public String type() {
        return "validate.data";
    }

    @Override
    public TaskResult run(TaskContext context) throws IOException {
        ValidationSettings settings = ValidationSettings.of(context.config(), context.workflowId());
        Path dataset = Upstream.requireFile(context, "dataset", "ingest");
        String target = Upstream.require(context, "target", "ingest");
        CsvTableReader reader = new CsvTableReader();
        ValidationData data = Upstream.file(context, "scan")
                .map(p -> (ValidationData) new SnapshotData(
                        dataset,
                        DatasetScan.read(p),
                        new Progress(
                                m -> context.log().info("{}", m),
                                "validate: read",
                                rowsOf(context),
                                dataset.toFile().length())))
                .orElseGet(() -> reader.scanValues(dataset));
        Optional<DatasetManifest> manifest = Upstream.file(context, "manifest").map(DatasetManifest::read);
        RowLocator rows = manifest.map(m -> new RowLocator(dataset.toString(), m.batches()))
                .orElse(RowLocator.identity(dataset.toString()));

        Optional<ModelVersion> champion = context.models().aliased(settings.model(), settings.alias());
        Schema championSchema = champion.map(c -> championSchema(context, c)).orElse(Schema.EMPTY);
        Schema schema = championSchema.overriddenBy(settings.declaredSchema()).requiring(target);
        // A declared schema usually constrains a few columns; only the champion's says which columns a model had.
        boolean schemaIsKnown = !championSchema.isEmpty();
        Reference reference = reference(context, settings, champion, reader);

        DataValidator.Outcome outcome = new DataValidator(settings.rules())
                .run(new ValidationInput(
                        data,
                        schema,
                        schemaIsKnown,
                        rows,
                        manifest.map(DatasetManifest::batches).orElse(List.of()),
                        reference.data(),
                        reference.name()));
        ValidationReport report = outcome.report();

        Path reportFile = context.artifactDir().resolve("report.json");
        Files.writeString(reportFile, report.toJson(), StandardCharsets.UTF_8);
        ArtifactRef reportRef = context.logArtifact("validation/report.json", reportFile);
        Path schemaFile = context.artifactDir().resolve("schema.json");
        Schema.infer(outcome.profile()).overriddenBy(schema).write(schemaFile);
        ArtifactRef schemaRef = context.logArtifact("validation/schema.json", schemaFile);

        List<Check> failures = report.failures();
        List<Check> warnings = report.warnings();
        context.logMetric("validation_failed_checks", failures.size());
        context.logMetric("validation_warnings", warnings.size());
        Optional<Check> datasetDrift =
                report.named(CheckKind.DATASET_DRIFT.checkName()).stream().findFirst();
        datasetDrift.filter(c -> c.value() != null).ifPresent(c -> context.logMetric("drift_share", c.value()));
        warnings.forEach(w -> context.log().warn("{}", w.describe()));
        raiseEvents(context, settings, failures, warnings, reportRef);
        if (!failures.isEmpty()) {
            // Counts and the report first: the engine cuts long errors at the end, and the examples are last.
            throw new InvalidInputException("data validation failed: " + failures.size() + " check(s), the "
                    + settings.alias() + " is unchanged, report " + reportRef.uri() + ": " + describe(failures));
        }
        context.log()
                .info(
                        "{} checks on {}: none failed, {} warning(s)",
                        report.checks().size(),
                        dataset,
                        warnings.size());

        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("passed", true);
        outputs.put("checks", report.checks().size());
        outputs.put("warnings", warnings.size());
        outputs.put(
                "warning_checks",
                warnings.stream().map(Check::describe).limit(20).toList());
        Object drifted =
                datasetDrift.map(c -> c.details().get("drifted_columns")).orElse(List.of());
        outputs.put("drift_detected", drifted instanceof List<?> list && !list.isEmpty());
        outputs.put("drifted_columns", drifted);
        outputs.put(
                "dataset_drift",
                datasetDrift
                        .map(c -> c.verdict() == Verdict.WARN || c.verdict() == Verdict.FAIL)
                        .orElse(false));
        outputs.put("report_path", reportFile.toString());
        outputs.put("report_uri", reportRef.uri());
        outputs.put("schema_path", schemaFile.toString());
        outputs.put("schema_uri", schemaRef.uri());
        return TaskResult.of(outputs);
    }

    /** A rejected batch is a failed gate; drift that only warns is worth telling people too. */
    private static void raiseEvents(
            TaskContext context,
            ValidationSettings settings,
            List<Check> failures,
            List<Check> warnings,
            ArtifactRef reportRef) {
        List<String> driftWarnings = warnings.stream()
                .filter(w -> DRIFT_CHECKS.contains(w.name()))
                .map(Check::describe)
                .toList();
        if (!driftWarnings.isEmpty()) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("model", settings.model());
            payload.put("warnings", driftWarnings.size());
            payload.put("checks", driftWarnings.stream().limit(EVENT_CHECKS).toList());
            payload.put("report_uri", reportRef.uri());
            context.raise(EventKind.DRIFT_WARNING, payload);
        }
        if (!failures.isEmpty()) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("gate", "validation");
            payload.put("model", settings.model());
            payload.put("failed_checks", failures.size());
            payload.put(
                    "checks",
                    failures.stream().map(Check::describe).limit(EVENT_CHECKS).toList());
            payload.put("report_uri", reportRef.uri());
            context.raise(EventKind.GATE_FAILED, payload);
        }
    }

    private static String describe(List<Check> failures) {
        String listed = failures.stream()
                .limit(MAX_FAILURES_IN_ERROR)
                .map(Check::describe)
                .collect(Collectors.joining("; "));
        int rest = failures.size() - MAX_FAILURES_IN_ERROR;
        return rest > 0 ? listed + "; and " + rest + " more failed check(s)" : listed;
    }

    /**
     * The schema stored with the champion ({@code schema_uri} in its lineage); for a champion from before schemas
     * were stored, its features as required number columns.
     */
    private static Schema championSchema(TaskContext context, ModelVersion champion) {
        Object uri = champion.lineage().get("schema_uri");
        if (uri != null) {
            try {
                return Schema.read(context.models().resolveFile(uri.toString()));
            } catch (FreshetException e) {
                context.log()
                        .warn(
                                "cannot read the schema of {} version {} ({}): {}",
                                champion.name(),
                                champion.version(),
                                uri,
                                e.getMessage());
            }
        }
        Object features = champion.lineage().get("features");
        if (features instanceof List<?> list) {
            return new Schema(list.stream()
                    .map(f -> ColumnSchema.number(String.valueOf(f)))
                    .toList());
        }
        return Schema.EMPTY;
    }

    private static long rowsOf(TaskContext context) {
        return Upstream.find(context, "rows")
                .map(r -> Long.parseLong(r.toString()))
                .orElse(0L);
    }

    /** A snapshot (Parquet) streams; a CSV file, such as an older champion's data, is read into memory. */
    private static ValidationData readReference(CsvTableReader reader, Path file) {
        return SnapshotReader.isParquet(file) ? SnapshotData.withoutScan(file) : reader.scanValues(file);
    }

    private record Reference(ValidationData data, String name) {}

    private static Reference reference(
            TaskContext context, ValidationSettings settings, Optional<ModelVersion> champion, CsvTableReader reader) {
        if (!settings.rules().drift().enabled()) {
            return new Reference(null, null);
        }
        if (!settings.driftReference().equals(CHAMPION)) {
            Path file = context.resolvePath(settings.driftReference());
            return new Reference(readReference(reader, file), file.toString());
        }
        if (champion.isEmpty()) {
            return new Reference(null, null);
        }
        ModelVersion version = champion.get();
        Object uri = version.lineage().getOrDefault("dataset_uri", "runs:/" + version.runId() + "/dataset/data.csv");
        String name = settings.model() + " version " + version.version() + "'s training data";
        try {
            return new Reference(readReference(reader, context.models().resolveFile(uri.toString())), name);
        } catch (FreshetException e) {
            context.log().warn("no drift reference: cannot read {} ({}): {}", name, uri, e.getMessage());
            return new Reference(null, null);
        }
    }
}
