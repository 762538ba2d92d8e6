package dev.freshet.tasks;

import dev.freshet.engine.drift.DriftRules;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.task.TaskConfig;
import dev.freshet.tasks.data.CheckKind;
import dev.freshet.tasks.data.ColumnSchema;
import dev.freshet.tasks.data.ColumnType;
import dev.freshet.tasks.data.Schema;
import dev.freshet.tasks.data.Severity;
import dev.freshet.tasks.data.ValidationRules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.freshet.engine.tracking.ModelRegistry.CHAMPION;

/**
 * The {@code with:} block of {@code validate.data}, read into rules, a declared schema and where the drift
 * reference comes from. Every mistake names the task and the field.
 *
 * @param driftReference {@code champion} (the champion's training data) or a CSV file path
 */
record ValidationSettings(
        ValidationRules rules, Schema declaredSchema, String driftReference, String model, String alias) {

    private static final Set<String> KEYS = Set.of(
            "min_rows",
            "min_batch_rows",
            "max_null_fraction",
            "max_duplicate_fraction",
            "schema",
            "columns",
            "drift",
            "severity",
            "model",
            "alias");
    private static final Set<String> COLUMN_KEYS = Set.of("type", "required", "min", "max");
    private static final Set<String> DRIFT_KEYS =
            Set.of("reference", "p_value", "psi", "share", "sample_size", "psi_bins", "columns");

    static ValidationSettings of(TaskConfig config, String defaultModel) {
        ConfigKeys.requireKnown(config, KEYS);
        DriftRules drift = DriftRules.DEFAULTS;
        String reference = CHAMPION;
        Object driftValue = config.asMap().get("drift");
        if (Boolean.FALSE.equals(driftValue) || "false".equals(driftValue) || "off".equals(driftValue)) {
            drift = new DriftRules(
                    false,
                    drift.pValue(),
                    drift.psi(),
                    drift.datasetShare(),
                    drift.sampleSize(),
                    drift.psiBins(),
                    List.of());
        } else if (driftValue != null && !Boolean.TRUE.equals(driftValue)) {
            TaskConfig section = config.section("drift");
            ConfigKeys.requireKnown(section, DRIFT_KEYS);
            reference = section.string("reference", CHAMPION);
            drift = wrap(
                    config,
                    "drift",
                    () -> new DriftRules(
                            true,
                            section.number("p_value", DriftRules.DEFAULTS.pValue()),
                            section.number("psi", DriftRules.DEFAULTS.psi()),
                            section.number("share", DriftRules.DEFAULTS.datasetShare()),
                            section.integer("sample_size", DriftRules.DEFAULTS.sampleSize()),
                            section.integer("psi_bins", DriftRules.DEFAULTS.psiBins()),
                            section.stringList("columns")));
        }
        Map<String, Severity> severities = new LinkedHashMap<>();
        TaskConfig severity = config.section("severity");
        for (String key : severity.asMap().keySet()) {
            if (!CheckKind.severityKeys().contains(key)) {
                throw severity.error(key, "unknown check or group; known: " + CheckKind.severityKeys());
            }
            severities.put(key, wrap(severity, key, () -> Severity.fromJson(severity.string(key))));
        }
        Integer minBatchRows = config.has("min_batch_rows") ? count(config, "min_batch_rows", 0) : null;
        Double maxDuplicates =
                config.has("max_duplicate_fraction") ? fraction(config, "max_duplicate_fraction", 1) : null;
        ValidationRules rules = new ValidationRules(
                count(config, "min_rows", 1),
                minBatchRows,
                fraction(config, "max_null_fraction", 0.0),
                maxDuplicates,
                drift,
                severities);
        return new ValidationSettings(
                rules,
                declaredSchema(config),
                reference,
                config.string("model", defaultModel),
                config.string("alias", CHAMPION));
    }

    private static int count(TaskConfig config, String key, int defaultValue) {
        int value = config.integer(key, defaultValue);
        if (value < 0) {
            throw config.error(key, "must be >= 0, was " + value);
        }
        return value;
    }

    private static double fraction(TaskConfig config, String key, double defaultValue) {
        double value = config.number(key, defaultValue);
        if (!(value >= 0 && value <= 1)) {
            throw config.error(key, "must be a fraction in [0, 1], was " + value);
        }
        return value;
    }

    /** {@code schema: {pH: {min: 2, max: 5}, quality: {type: integer}}} plus the plain list {@code columns}. */
    private static Schema declaredSchema(TaskConfig config) {
        List<ColumnSchema> columns = new ArrayList<>();
        for (String name : config.stringList("columns")) {
            columns.add(ColumnSchema.number(name));
        }
        TaskConfig schema = config.section("schema");
        for (String name : schema.asMap().keySet()) {
            TaskConfig spec = schema.section(name);
            ConfigKeys.requireKnown(spec, COLUMN_KEYS);
            columns.removeIf(c -> c.name().equals(name));
            columns.add(wrap(
                    schema,
                    name,
                    () -> new ColumnSchema(
                            name,
                            spec.optString("type").map(ColumnType::fromJson).orElse(ColumnType.NUMBER),
                            spec.bool("required", true),
                            spec.optNumber("min").orElse(null),
                            spec.optNumber("max").orElse(null))));
        }
        return new Schema(columns);
    }

    private interface Parse<T> {
        T get();
    }

    /** Re-throws a value's own complaint prefixed with the task and field it came from. */
    private static <T> T wrap(TaskConfig config, String key, Parse<T> parse) {
        try {
            return parse.get();
        } catch (InvalidInputException e) {
            if (e.getMessage().startsWith("task '")) {
                throw e;
            }
            throw config.error(key, e.getMessage());
        }
    }
}
