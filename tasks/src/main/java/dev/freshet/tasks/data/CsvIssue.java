package dev.freshet.tasks.data;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Objects;

/**
 * One thing wrong with a CSV file, at a physical line of the file (1-based, the header is line 1).
 *
 * @param column the column the problem is in, or null when it concerns a whole row or the file
 * @param value  the offending cell text, or null when there is no single cell to blame
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CsvIssue(Kind kind, int line, String column, String value, String problem) {

    public enum Kind {
        /** The file cannot be opened or decoded. */
        UNREADABLE,
        /** The file has no header row. */
        EMPTY_FILE,
        /** A header name is blank or repeated. */
        BAD_HEADER,
        /** The CSV syntax is broken (e.g. an unterminated quote); reading stopped there. */
        MALFORMED,
        /** A row has a different number of values than the header. */
        RAGGED_ROW,
        /** A cell is empty, NaN or a word for a missing value such as NA or null. */
        MISSING,
        /** A cell is text that is not a number. */
        NOT_A_NUMBER,
        /** A cell is an infinity or out of the range of a double. */
        NOT_FINITE;

        public boolean isCellProblem() {
            return this == MISSING || this == NOT_A_NUMBER || this == NOT_FINITE;
        }
    }

    /** The most characters of a cell kept with its issue or quoted in a message. */
    static final int MAX_QUOTED = 100;

    public CsvIssue {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(problem, "problem");
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0, was " + line);
        }
    }

    /**
     * A cell's text as issues keep and messages quote it: its first {@link #MAX_QUOTED} characters and its length
     * when it is longer (a cell can be megabytes long, and messages go into logs, reports and events).
     */
    static String shorten(String text) {
        return text == null || text.length() <= MAX_QUOTED
                ? text
                : text.substring(0, MAX_QUOTED) + "… (" + text.length() + " characters)";
    }

    /** The issue as a person reads it, e.g. {@code data/x.csv:17: column 'pH': 'abc' is not a number}. */
    public String describe(String source) {
        StringBuilder text = new StringBuilder(source);
        if (line > 0) {
            text.append(':').append(line);
        }
        text.append(": ");
        if (column != null) {
            text.append("column '").append(column).append("': ");
        }
        return text.append(problem).toString();
    }
}
