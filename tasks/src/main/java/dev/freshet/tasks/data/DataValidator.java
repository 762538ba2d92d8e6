package dev.freshet.tasks.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks a data set against a {@link Schema} and {@link ValidationRules} and reports every check, held or not:
 * <ul>
 *   <li>schema: {@code csv_format} (readable, a header, rows as wide as it), {@code column_present} per schema
 *       column, {@code column_expected} per column outside a known schema, {@code column_type} per column (a
 *       number, or a whole number), {@code value_range} per column with bounds;</li>
 *   <li>quality: {@code null_fraction} per column, {@code duplicate_rows}, {@code min_rows}, {@code batch_rows}
 *       per batch;</li>
 *   <li>drift against the reference: {@code drift_ks} and {@code drift_psi} per column, {@code dataset_drift}.</li>
 * </ul>
 * Messages name the batch file and line of up to {@value #EXAMPLES} offending rows, with exact counts.
 */
public final class DataValidator {

    static final int EXAMPLES = 5;

    private final ValidationRules rules;

    public DataValidator(ValidationRules rules) {
        this.rules = rules;
    }

    /** The report and the profile of the data it was made from (for the schema the data satisfies). */
    public record Outcome(ValidationReport report, DataProfile profile) {}

    public ValidationReport validate(ValidationInput input) {
        return run(input).report();
    }

    public Outcome run(ValidationInput input) {
        List<Check> checks = new ArrayList<>();
        ValidationData data = input.data();
        CsvScan scan = data.scan();
        DataProfile profile = data.profile(input.schema(), rules.drift().sampleSize());
        checks.add(formatCheck(scan, input.rows()));
        for (ColumnSchema column : input.schema().columns()) {
            if (column.required()) {
                checks.add(presentCheck(scan, column.name()));
            }
        }
        for (String column : scan.columns()) {
            if (input.schemaIsKnown() && input.schema().column(column).isEmpty()) {
                checks.add(check(
                        CheckKind.COLUMN_EXPECTED,
                        column,
                        false,
                        null,
                        null,
                        "column '" + column + "' is not in the schema "
                                + input.schema().names() + "; it would become a feature of the next model"));
            }
        }
        for (String column : scan.columns()) {
            ColumnSchema spec = input.schema().column(column).orElse(ColumnSchema.number(column));
            checks.add(typeCheck(data, profile, spec, input.rows()));
            if (spec.hasRange()) {
                checks.add(rangeCheck(profile, spec, input.rows()));
            }
        }
        for (String column : scan.columns()) {
            checks.add(nullCheck(data, profile, column, input.rows()));
        }
        checks.add(duplicateCheck(profile, input.rows()));
        checks.add(check(
                CheckKind.MIN_ROWS,
                null,
                scan.rowCount() >= rules.minRows(),
                (double) scan.rowCount(),
                (double) rules.minRows(),
                scan.rowCount() + " data rows, at least " + rules.minRows() + " required"));
        if (rules.minBatchRows() != null) {
            for (BatchSpan batch : input.batches()) {
                checks.add(batchRowsCheck(batch));
            }
        }
        checks.addAll(new DriftChecks(rules, this::check).run(input, profile));
        return new Outcome(new ValidationReport(input.rows().datasetFile(), checks), profile);
    }

    Check check(CheckKind kind, String column, boolean holds, Double value, Double threshold, String message) {
        return check(kind, column, holds, value, threshold, message, Map.of());
    }

    Check check(
            CheckKind kind,
            String column,
            boolean holds,
            Double value,
            Double threshold,
            String message,
            Map<String, Object> details) {
        Severity severity = rules.severity(kind);
        return new Check(
                kind.checkName(), column, severity, Verdict.of(holds, severity), value, threshold, message, details);
    }

    private Check formatCheck(CsvScan scan, RowLocator rows) {
        List<CsvIssue> structural = scan.structuralIssues();
        long notRagged = structural.stream()
                .filter(issue -> issue.kind() != CsvIssue.Kind.RAGGED_ROW)
                .count();
        long count = notRagged + scan.raggedRowCount();
        if (count == 0) {
            return check(
                    CheckKind.CSV_FORMAT,
                    null,
                    true,
                    0.0,
                    0.0,
                    "header with " + scan.columns().size() + " columns; every row has as many values");
        }
        String examples = structural.stream()
                .map(issue -> issue.line() > 0
                        ? rows.describe(issue.line(), -1) + ": " + issue.problem()
                        : issue.describe(rows.datasetFile()))
                .collect(Collectors.joining("; "));
        String more = count > structural.size() ? " (and " + (count - structural.size()) + " more)" : "";
        return check(
                CheckKind.CSV_FORMAT,
                null,
                false,
                (double) count,
                0.0,
                count + " problem(s) with the file's structure: " + examples + more);
    }

    private Check presentCheck(CsvScan scan, String column) {
        boolean present = scan.columns().contains(column);
        String message = present
                ? "column '" + column + "' is present"
                : "column '" + column + "' is missing (columns: " + scan.columns() + ")";
        return check(CheckKind.COLUMN_PRESENT, column, present, null, null, message);
    }

    private Check typeCheck(ValidationData data, DataProfile profile, ColumnSchema spec, RowLocator rows) {
        String column = spec.name();
        CellCounts counts = data.scan().cellCounts(column);
        List<String> examples = new ArrayList<>();
        for (CsvIssue issue : data.scan().issuesOfColumn(column)) {
            if (issue.kind() != CsvIssue.Kind.MISSING && examples.size() < EXAMPLES) {
                examples.add(rows.describe(issue.line(), data.rowAtLine(issue.line())) + ": " + issue.problem());
            }
        }
        int wrong = counts.wrongType();
        if (spec.type() == ColumnType.INTEGER) {
            wrong += profile.notWhole(column);
            for (DataProfile.Example example : profile.notWholeExamples(column)) {
                if (examples.size() < EXAMPLES) {
                    examples.add(rows.describe(example.line(), example.row()) + ": " + Numbers.format(example.value())
                            + " is not a whole number");
                }
            }
        }
        String type = spec.type().jsonName();
        if (wrong == 0) {
            return check(CheckKind.COLUMN_TYPE, column, true, 0.0, 0.0, "every value is of type " + type);
        }
        return check(
                CheckKind.COLUMN_TYPE,
                column,
                false,
                (double) wrong,
                0.0,
                wrong + " value(s) are not of type " + type + ": " + String.join("; ", examples)
                        + more(wrong, examples.size()));
    }

    private Check rangeCheck(DataProfile profile, ColumnSchema spec, RowLocator rows) {
        String column = spec.name();
        if (!profile.columns().contains(column)) {
            return check(
                    CheckKind.VALUE_RANGE,
                    column,
                    true,
                    0.0,
                    0.0,
                    "column '" + column + "' is absent; nothing to check against " + spec.describeRange());
        }
        int outside = profile.outside(column);
        List<String> examples = profile.outsideExamples(column).stream()
                .map(e -> rows.describe(e.line(), e.row()) + ": " + Numbers.format(e.value()))
                .toList();
        if (outside == 0) {
            return check(
                    CheckKind.VALUE_RANGE, column, true, 0.0, 0.0, "every value is within " + spec.describeRange());
        }
        return check(
                CheckKind.VALUE_RANGE,
                column,
                false,
                (double) outside,
                0.0,
                outside + " value(s) outside " + spec.describeRange() + ": " + String.join("; ", examples)
                        + more(outside, examples.size()));
    }

    private Check nullCheck(ValidationData data, DataProfile profile, String column, RowLocator rows) {
        int rowCount = profile.completeRows();
        int missing = data.scan().cellCounts(column).missing();
        double fraction = rowCount == 0 ? 0.0 : (double) missing / rowCount;
        double limit = rules.maxNullFraction();
        boolean holds = fraction <= limit;
        if (missing == 0) {
            return check(CheckKind.NULL_FRACTION, column, holds, 0.0, limit, "no missing values");
        }
        List<String> examples = data.scan().issuesOfColumn(column, CsvIssue.Kind.MISSING).stream()
                .limit(EXAMPLES)
                .map(issue -> rows.describe(issue.line(), data.rowAtLine(issue.line())) + ": " + issue.problem())
                .toList();
        return check(
                CheckKind.NULL_FRACTION,
                column,
                holds,
                fraction,
                limit,
                missing + " of " + rowCount + " values (" + Numbers.percent(fraction) + ") are missing, at most "
                        + Numbers.percent(limit) + " allowed: " + String.join("; ", examples)
                        + more(missing, examples.size()));
    }

    private Check duplicateCheck(DataProfile profile, RowLocator rows) {
        int rowCount = profile.completeRows();
        int duplicates = profile.duplicates();
        List<String> examples = profile.duplicateExamples().stream()
                .map(d ->
                        rows.describe(d.line(), d.row()) + " repeats " + rows.describe(d.earlierLine(), d.earlierRow()))
                .toList();
        double fraction = rowCount == 0 ? 0.0 : (double) duplicates / rowCount;
        Double limit = rules.maxDuplicateFraction();
        String measured =
                duplicates + " of " + rowCount + " rows (" + Numbers.percent(fraction) + ") repeat an earlier row";
        if (limit == null) {
            return check(CheckKind.DUPLICATE_ROWS, null, true, fraction, null, measured + " (no limit set)");
        }
        boolean holds = fraction <= limit;
        String message = measured + ", at most " + Numbers.percent(limit) + " allowed"
                + (holds || examples.isEmpty()
                        ? ""
                        : ": " + String.join("; ", examples) + more(duplicates, examples.size()));
        return check(CheckKind.DUPLICATE_ROWS, null, holds, fraction, limit, message);
    }

    private Check batchRowsCheck(BatchSpan batch) {
        int limit = rules.minBatchRows();
        boolean holds = batch.rows() >= limit;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("file", batch.file());
        return check(
                CheckKind.BATCH_ROWS,
                null,
                holds,
                (double) batch.rows(),
                (double) limit,
                batch.file() + " has " + batch.rows() + " data rows, at least " + limit + " required per batch",
                details);
    }

    private static String more(int total, int shown) {
        return total > shown ? " (and " + (total - shown) + " more)" : "";
    }
}
