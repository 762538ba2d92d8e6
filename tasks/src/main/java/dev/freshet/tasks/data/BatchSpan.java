package dev.freshet.tasks.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Objects;

/**
 * One batch file inside an ingested data set: where its rows sit in the union, so that a problem found in the
 * union can be reported at the batch's own file and line.
 *
 * @param modified  the file's modification time, ISO-8601
 * @param firstRow  the union's data-row index (0-based) of the batch's first row
 * @param firstLine the union's line holding the batch's first line after its header
 * @param lines     how many lines of the union the batch's body takes
 */
@JsonPropertyOrder({"file", "sha256", "modified", "rows", "first_row", "first_line", "lines"})
public record BatchSpan(
        @JsonProperty("file") String file,
        @JsonProperty("sha256") String sha256,
        @JsonProperty("modified") String modified,
        @JsonProperty("rows") int rows,
        @JsonProperty("first_row") int firstRow,
        @JsonProperty("first_line") int firstLine,
        @JsonProperty("lines") int lines) {

    public BatchSpan {
        Objects.requireNonNull(file, "file");
        if (rows < 0 || firstRow < 0 || firstLine < 2 || lines < 0) {
            throw new IllegalArgumentException("impossible batch span: rows " + rows + ", first row " + firstRow
                    + ", first line " + firstLine + ", lines " + lines);
        }
    }

    public boolean containsLine(int unionLine) {
        return unionLine >= firstLine && unionLine < firstLine + lines;
    }

    /** The batch file's own line for a line of the union (its header is its line 1). */
    public int batchLine(int unionLine) {
        return unionLine - firstLine + 2;
    }
}
