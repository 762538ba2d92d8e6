package dev.freshet.tasks.data;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a lenient pass over a CSV file found: its header, how many data rows it has, and what is wrong with it.
 *
 * @param source             the file as named to the reader
 * @param columns            the header names (empty when the file has no usable header)
 * @param rowCount           data rows read, ragged ones included, blank lines not
 * @param issues             the first few issues of each kind per column (and per file for row-level ones),
 *                           in file order; the counts below are exact
 * @param invalidCellCounts  per column, how many cells are empty, not a number or not finite (every column present)
 * @param raggedRowCount     rows whose number of values differs from the header's
 * @param complete           false when reading stopped early (unreadable file, empty file, broken CSV syntax)
 */
public record CsvScan(String source,
                      List<String> columns,
                      int rowCount,
                      List<CsvIssue> issues,
                      Map<String, Integer> invalidCellCounts,
                      int raggedRowCount,
                      boolean complete) {

    public CsvScan {
        Objects.requireNonNull(source, "source");
        columns = List.copyOf(columns);
        issues = List.copyOf(issues);
        invalidCellCounts = Map.copyOf(invalidCellCounts);
        if (rowCount < 0 || raggedRowCount < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
    }

    public int invalidCellCount() {
        return invalidCellCounts.values().stream().mapToInt(Integer::intValue).sum();
    }

    public List<CsvIssue> issuesOfColumn(String column) {
        return issues.stream().filter(issue -> column.equals(issue.column())).toList();
    }

    /** Issues about the file or the shape of its rows rather than a cell's value. */
    public List<CsvIssue> structuralIssues() {
        return issues.stream().filter(issue -> !issue.kind().isCellProblem()).toList();
    }
}
