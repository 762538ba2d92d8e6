package dev.freshet.tasks.data;

import dev.freshet.engine.error.InvalidInputException;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a comma-separated file with a header row of column names and numeric cells.
 *
 * <p>{@link #read} is strict: it returns a {@link Table} or throws an {@link InvalidInputException} naming the file,
 * the physical line (the header is line 1) and the column of the first problem. {@link #scan} and
 * {@link #scanValues} read the whole file leniently and report every problem they find, for ingest and the data
 * validator. Blank lines are skipped. Empty cells, NaN and the usual words for a missing value (NA, N/A, null,
 * None) are <em>missing</em>; other text is <em>not a number</em>; infinities are <em>not finite</em>.
 */
public final class CsvTableReader {

    /** How many example issues a scan keeps per column and kind (and for row-level issues); counts stay exact. */
    public static final int EXAMPLES_KEPT = 5;

    // Every physical line must come back as a record so that line numbers can be tracked exactly.
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT
            .builder()
            .setIgnoreEmptyLines(false)
            .setIgnoreSurroundingSpaces(true)
            .get();

    private static final Set<String> MISSING_WORDS = Set.of("nan", "-nan", "na", "n/a", "null", "none", "<na>", "#n/a");
    private static final Set<String> NON_FINITE_WORDS =
            Set.of("inf", "+inf", "-inf", "infinity", "+infinity", "-infinity");

    /** Reads the file into a table, failing on the first problem. A header without data rows is a problem too. */
    public Table read(Path file) {
        String source = file.toString();
        List<double[]> rows = new ArrayList<>();
        List<String> columns = parse(file, new Listener() {
            @Override
            public void issue(CsvIssue issue) {
                throw new InvalidInputException(issue.describe(source));
            }

            @Override
            public void row(double[] values, int line, boolean ragged) {
                rows.add(values);
            }
        });
        return tableOf(source, columns, rows);
    }

    /**
     * Reads the file like {@link #read}, except that a row with a missing value is left out (and counted) instead
     * of failing; text that is not a number still fails, naming the file, line and column.
     */
    public TableRead readDroppingIncompleteRows(Path file) {
        String source = file.toString();
        List<double[]> rows = new ArrayList<>();
        int[] dropped = new int[1];
        List<String> columns = parse(file, new Listener() {
            boolean incomplete;

            @Override
            public void issue(CsvIssue issue) {
                if (issue.kind() != CsvIssue.Kind.MISSING) {
                    throw new InvalidInputException(issue.describe(source));
                }
                incomplete = true;
            }

            @Override
            public void row(double[] values, int line, boolean ragged) {
                if (incomplete) {
                    dropped[0]++;
                } else {
                    rows.add(values);
                }
                incomplete = false;
            }
        });
        if (rows.isEmpty() && dropped[0] > 0) {
            throw new InvalidInputException(
                    source + ": every one of its " + dropped[0] + " data rows has a missing value");
        }
        return new TableRead(tableOf(source, columns, rows), dropped[0]);
    }

    /** Reads the whole file and reports what is wrong with it instead of throwing. */
    public CsvScan scan(Path file) {
        ScanListener listener = new ScanListener(false);
        List<String> columns = parse(file, listener);
        return listener.toScan(file, columns);
    }

    /** Like {@link #scan}, and keeps every row's values (NaN where a cell is not a finite number). */
    public ScannedTable scanValues(Path file) {
        ScanListener listener = new ScanListener(true);
        List<String> columns = parse(file, listener);
        CsvScan scan = listener.toScan(file, columns);
        int rows = listener.lines.size();
        double[][] values = new double[columns.size()][rows];
        int[] lines = new int[rows];
        boolean[] ragged = new boolean[rows];
        for (int row = 0; row < rows; row++) {
            double[] rowValues = listener.rows.get(row);
            lines[row] = listener.lines.get(row);
            ragged[row] = rowValues == null;
            for (int j = 0; j < columns.size(); j++) {
                values[j][row] = rowValues == null ? Double.NaN : rowValues[j];
            }
        }
        return new ScannedTable(scan, values, lines, ragged);
    }

    private static Table tableOf(String source, List<String> columns, List<double[]> rows) {
        if (rows.isEmpty()) {
            throw new InvalidInputException(source + ":1: no data rows after the header");
        }
        return new Table(columns, rows.toArray(double[][]::new));
    }

    /** Returns the header names (empty if there is no usable header); passes issues and rows to the listener. */
    private static List<String> parse(Path file, Listener listener) {
        long line = 1;
        List<String> columns = List.of();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = FORMAT.parse(reader)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                listener.stop(new CsvIssue(
                        CsvIssue.Kind.EMPTY_FILE,
                        0,
                        null,
                        null,
                        "file is empty, expected a header row of column names"));
                return List.of();
            }
            columns = headerNames(records.next(), listener);
            if (columns.isEmpty()) {
                return List.of();
            }
            while (true) {
                // hasNext() parses the next record, so the line count read before it is where that record starts.
                line = parser.getCurrentLineNumber() + 1;
                if (!records.hasNext()) {
                    break;
                }
                CSVRecord record = records.next();
                if (isBlankLine(record)) {
                    continue;
                }
                listener.countRow();
                if (record.size() != columns.size()) {
                    listener.issue(new CsvIssue(
                            CsvIssue.Kind.RAGGED_ROW,
                            (int) line,
                            null,
                            null,
                            "row has " + record.size() + " values, the header has " + columns.size()));
                    listener.row(null, (int) line, true, record);
                    continue;
                }
                double[] values = new double[columns.size()];
                for (int j = 0; j < columns.size(); j++) {
                    CsvIssue issue = readCell(record.get(j), (int) line, columns.get(j), values, j);
                    if (issue != null) {
                        listener.issue(issue);
                    }
                }
                listener.row(values, (int) line, false, record);
            }
        } catch (NoSuchFileException e) {
            listener.stop(new CsvIssue(CsvIssue.Kind.UNREADABLE, 0, null, null, "file not found"));
        } catch (UncheckedIOException e) {
            listener.stop(readFailure(e.getCause(), (int) line));
        } catch (IOException e) {
            listener.stop(readFailure(e, (int) line));
        }
        return columns;
    }

    private static CsvIssue readFailure(IOException cause, int line) {
        if (cause instanceof CSVException) {
            String detail = cause.getMessage().replaceFirst("^\\(startline \\d+\\)\\s*", "");
            return new CsvIssue(CsvIssue.Kind.MALFORMED, line, null, null, "broken CSV syntax: " + detail);
        }
        if (cause instanceof CharacterCodingException) {
            // The reader decodes a buffer ahead of the parser, so the line is not known.
            return new CsvIssue(CsvIssue.Kind.UNREADABLE, 0, null, null, "not UTF-8 text: " + cause);
        }
        return new CsvIssue(CsvIssue.Kind.UNREADABLE, line, null, null, "cannot read file: " + cause);
    }

    private static boolean isBlankLine(CSVRecord record) {
        return record.size() == 1 && record.get(0).isBlank();
    }

    private static List<String> headerNames(CSVRecord header, Listener listener) {
        List<String> names = new ArrayList<>(header.size());
        Set<String> seen = new HashSet<>();
        boolean ok = true;
        for (int j = 0; j < header.size(); j++) {
            String name = header.get(j).strip();
            if (j == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1).strip();
            }
            if (name.isEmpty()) {
                listener.issue(
                        new CsvIssue(CsvIssue.Kind.BAD_HEADER, 1, null, null, "header name " + (j + 1) + " is blank"));
                ok = false;
            } else if (!seen.add(name)) {
                listener.issue(
                        new CsvIssue(CsvIssue.Kind.BAD_HEADER, 1, name, null, "header name appears more than once"));
                ok = false;
            }
            names.add(name);
        }
        if (!ok) {
            listener.stopped();
            return List.of();
        }
        return List.copyOf(names);
    }

    /** Stores the cell's value in {@code values[index]} (NaN if it has none); returns the issue, or null. */
    private static CsvIssue readCell(String text, int line, String column, double[] values, int index) {
        values[index] = Double.NaN;
        String trimmed = text.strip();
        String cell = CsvIssue.shorten(text); // as issues keep and messages quote it
        if (trimmed.isEmpty()) {
            return new CsvIssue(CsvIssue.Kind.MISSING, line, column, cell, "empty value, expected a number");
        }
        String word = trimmed.toLowerCase(Locale.ROOT);
        if (word.equals("nan") || word.equals("-nan")) {
            return new CsvIssue(CsvIssue.Kind.MISSING, line, column, cell, "'" + cell + "' is not a finite number");
        }
        if (MISSING_WORDS.contains(word)) {
            return new CsvIssue(
                    CsvIssue.Kind.MISSING,
                    line,
                    column,
                    cell,
                    "'" + cell + "' marks a missing value, expected a number");
        }
        if (NON_FINITE_WORDS.contains(word)) {
            return new CsvIssue(CsvIssue.Kind.NOT_FINITE, line, column, cell, "'" + cell + "' is not a finite number");
        }
        double value;
        try {
            value = looksDecimal(trimmed) ? Double.parseDouble(trimmed) : Double.NaN;
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (Double.isNaN(value)) {
            return new CsvIssue(CsvIssue.Kind.NOT_A_NUMBER, line, column, cell, "'" + cell + "' is not a number");
        }
        if (Double.isInfinite(value)) {
            return new CsvIssue(
                    CsvIssue.Kind.NOT_FINITE, line, column, cell, "'" + cell + "' is out of the range of a double");
        }
        values[index] = value;
        return null;
    }

    // Double.parseDouble also takes Java-only forms (hex floats, a trailing d or f) that no CSV writer means.
    private static boolean looksDecimal(String text) {
        char last = text.charAt(text.length() - 1);
        return (Character.isDigit(last) || last == '.') && text.indexOf('x') < 0 && text.indexOf('X') < 0;
    }

    /**
     * Reads the file leniently, passing every issue and data row to the listener as it goes (nothing is kept);
     * returns the header names, empty when there is no usable header.
     */
    List<String> stream(Path file, Listener listener) {
        return parse(file, listener);
    }

    interface Listener {
        void issue(CsvIssue issue);

        /** An issue after which reading cannot go on. */
        default void stop(CsvIssue issue) {
            issue(issue);
            stopped();
        }

        default void stopped() {}

        default void countRow() {}

        /** A data row starting at {@code line}; {@code values} is null for a ragged row. */
        default void row(double[] values, int line, boolean ragged) {}

        /** The same, with the record as parsed (its text). */
        default void row(double[] values, int line, boolean ragged, CSVRecord record) {
            row(values, line, ragged);
        }
    }

    static final class ScanListener implements Listener {
        final boolean keepValues;
        final List<CsvIssue> kept = new ArrayList<>();
        final Map<String, Integer> keptPerKey = new HashMap<>();
        final Map<String, CellCounts> cellCounts = new HashMap<>();
        final List<double[]> rows = new ArrayList<>();
        final List<Integer> lines = new ArrayList<>();
        int rowCount;
        int raggedRows;
        boolean stoppedEarly;

        ScanListener(boolean keepValues) {
            this.keepValues = keepValues;
        }

        @Override
        public void issue(CsvIssue issue) {
            if (issue.kind().isCellProblem()) {
                cellCounts.merge(
                        issue.column(), CellCounts.NONE.plus(issue.kind()), (counts, one) -> counts.plus(issue.kind()));
            } else if (issue.kind() == CsvIssue.Kind.RAGGED_ROW) {
                raggedRows++;
            }
            String key = issue.kind().isCellProblem()
                    ? "column:" + issue.column() + ":" + issue.kind()
                    : "kind:" + issue.kind();
            boolean alwaysKeep = issue.kind() == CsvIssue.Kind.BAD_HEADER;
            if (alwaysKeep || keptPerKey.merge(key, 1, Integer::sum) <= EXAMPLES_KEPT) {
                kept.add(issue);
            }
        }

        @Override
        public void stopped() {
            stoppedEarly = true;
        }

        @Override
        public void countRow() {
            rowCount++;
        }

        @Override
        public void row(double[] values, int line, boolean ragged) {
            if (keepValues) {
                rows.add(values);
                lines.add(line);
            }
        }

        CsvScan toScan(Path file, List<String> columns) {
            Map<String, CellCounts> counts = new LinkedHashMap<>();
            for (String column : columns) {
                counts.put(column, cellCounts.getOrDefault(column, CellCounts.NONE));
            }
            return new CsvScan(file.toString(), columns, rowCount, kept, counts, raggedRows, !stoppedEarly);
        }
    }
}
