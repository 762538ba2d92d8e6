package dev.freshet.tasks.data;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a lenient pass over a CSV file found: its header, how many data rows it has, and what is wrong with it.
 *
 * @param source         the file as named to the reader
 * @param columns        the header names (empty when the file has no usable header)
 * @param rowCount       data rows read, ragged ones included, blank lines not
 * @param issues         the first few issues of each kind per column (and per file for row-level ones), in file
 *                       order; the counts below are exact
 * @param cellCounts     per column, how many cells are missing, not a number or not finite (every column present)
 * @param raggedRowCount rows whose number of values differs from the header's
 * @param complete       false when reading stopped early (unreadable file, empty file, broken CSV syntax)
 */
public record CsvScan(
        String source,
        List<String> columns,
        int rowCount,
        List<CsvIssue> issues,
        Map<String, CellCounts> cellCounts,
        int raggedRowCount,
        boolean complete) {

    public CsvScan {
        Objects.requireNonNull(source, "source");
        columns = List.copyOf(columns);
        issues = List.copyOf(issues);
        cellCounts = Map.copyOf(cellCounts);
        if (rowCount < 0 || raggedRowCount < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
    }

    public CellCounts cellCounts(String column) {
        return cellCounts.getOrDefault(column, CellCounts.NONE);
    }

    public int invalidCellCount() {
        return cellCounts.values().stream().mapToInt(CellCounts::invalid).sum();
    }

    public List<CsvIssue> issuesOfColumn(String column) {
        return issues.stream().filter(issue -> column.equals(issue.column())).toList();
    }

    public List<CsvIssue> issuesOfColumn(String column, CsvIssue.Kind kind) {
        return issues.stream()
                .filter(issue -> column.equals(issue.column()) && issue.kind() == kind)
                .toList();
    }

    /** Issues about the file or the shape of its rows rather than a cell's value. */
    public List<CsvIssue> structuralIssues() {
        return issues.stream().filter(issue -> !issue.kind().isCellProblem()).toList();
    }

    /** The first issue that stopped reading, or the first structural one; null when there is none. */
    public CsvIssue firstStructuralIssue() {
        List<CsvIssue> structural = structuralIssues();
        return structural.isEmpty() ? null : structural.get(0);
    }
}
