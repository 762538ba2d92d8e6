package dev.freshet.tasks.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The checks the validator makes, each in a group ({@code schema}, {@code quality}, {@code drift}) with a default
 * severity. Schema and quality checks fail the gate by default; drift only warns, since drift is the reason to
 * retrain rather than a reason to stop.
 */
public enum CheckKind {
    CSV_FORMAT("csv_format", "schema", Severity.FAIL),
    COLUMN_PRESENT("column_present", "schema", Severity.FAIL),
    COLUMN_EXPECTED("column_expected", "schema", Severity.WARN),
    COLUMN_TYPE("column_type", "schema", Severity.FAIL),
    VALUE_RANGE("value_range", "schema", Severity.FAIL),
    NULL_FRACTION("null_fraction", "quality", Severity.FAIL),
    DUPLICATE_ROWS("duplicate_rows", "quality", Severity.FAIL),
    MIN_ROWS("min_rows", "quality", Severity.FAIL),
    BATCH_ROWS("batch_rows", "quality", Severity.FAIL),
    DRIFT_KS("drift_ks", "drift", Severity.WARN),
    DRIFT_PSI("drift_psi", "drift", Severity.WARN),
    DATASET_DRIFT("dataset_drift", "drift", Severity.WARN);

    private final String checkName;
    private final String group;
    private final Severity defaultSeverity;

    CheckKind(String checkName, String group, Severity defaultSeverity) {
        this.checkName = checkName;
        this.group = group;
        this.defaultSeverity = defaultSeverity;
    }

    public String checkName() {
        return checkName;
    }

    public String group() {
        return group;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    /** Every name a severity can be set for: each check's name and each group's. */
    public static List<String> severityKeys() {
        List<String> keys = new ArrayList<>(
                Arrays.stream(values()).map(CheckKind::checkName).toList());
        Arrays.stream(values()).map(CheckKind::group).distinct().forEach(keys::add);
        return keys;
    }
}
