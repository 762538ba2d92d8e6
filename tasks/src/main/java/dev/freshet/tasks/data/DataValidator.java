package dev.freshet.tasks.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks a CSV data file against {@link DataRequirements} and reports every check, passed or failed:
 * {@code csv_format} (readable, a header, every row as wide as the header), {@code required_column} (one per
 * required column), {@code numeric} (one per column: every value a finite number) and {@code min_rows}.
 */
public final class DataValidator {

    private final DataRequirements requirements;
    private final CsvTableReader reader = new CsvTableReader();

    public DataValidator(DataRequirements requirements) {
        this.requirements = requirements;
    }

    public ValidationReport validate(Path csvFile) {
        return validate(reader.scan(csvFile));
    }

    public ValidationReport validate(CsvScan scan) {
        List<Check> checks = new ArrayList<>();
        checks.add(formatCheck(scan));
        for (String column : requirements.requiredColumns()) {
            checks.add(requiredColumnCheck(scan, column));
        }
        for (String column : scan.columns()) {
            checks.add(numericCheck(scan, column));
        }
        checks.add(minRowsCheck(scan));
        return new ValidationReport(scan.source(), checks);
    }

    private static Check formatCheck(CsvScan scan) {
        List<CsvIssue> structural = scan.structuralIssues();
        long notRagged = structural.stream().filter(issue -> issue.kind() != CsvIssue.Kind.RAGGED_ROW).count();
        long count = notRagged + scan.raggedRowCount();
        if (count == 0) {
            return new Check("csv_format", null, 0.0, 0.0, Verdict.PASS,
                    "header with " + scan.columns().size() + " columns; every row has as many values");
        }
        String examples = structural.stream()
                .map(issue -> issue.describe(scan.source()))
                .collect(Collectors.joining("; "));
        String more = count > structural.size() ? " (and " + (count - structural.size()) + " more)" : "";
        return new Check("csv_format", null, (double) count, 0.0, Verdict.FAIL,
                count + " problem(s) with the file's structure: " + examples + more);
    }

    private static Check requiredColumnCheck(CsvScan scan, String column) {
        boolean present = scan.columns().contains(column);
        String message = present
                ? "column '" + column + "' is present"
                : "column '" + column + "' is missing (columns: " + scan.columns() + ")";
        return new Check("required_column", column, null, null, Verdict.of(present), message);
    }

    private static Check numericCheck(CsvScan scan, String column) {
        int invalid = scan.invalidCellCounts().getOrDefault(column, 0);
        if (invalid == 0) {
            return new Check("numeric", column, 0.0, 0.0, Verdict.PASS, "every value is a finite number");
        }
        List<CsvIssue> examples = scan.issuesOfColumn(column);
        String listed = examples.stream()
                .map(issue -> "line " + issue.line() + ": " + issue.problem())
                .collect(Collectors.joining("; "));
        String more = invalid > examples.size() ? " (and " + (invalid - examples.size()) + " more)" : "";
        return new Check("numeric", column, (double) invalid, 0.0, Verdict.FAIL,
                invalid + " value(s) are not finite numbers: " + listed + more);
    }

    private Check minRowsCheck(CsvScan scan) {
        int minRows = requirements.minRows();
        boolean enough = scan.rowCount() >= minRows;
        return new Check("min_rows", null, (double) scan.rowCount(), (double) minRows, Verdict.of(enough),
                scan.rowCount() + " data rows, at least " + minRows + " required");
    }
}
