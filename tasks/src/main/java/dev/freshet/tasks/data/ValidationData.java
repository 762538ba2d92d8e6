package dev.freshet.tasks.data;

/**
 * The data a validation looks at: what reading it found ({@link #scan()}) and, in one pass over its values, its
 * {@link DataProfile}. A CSV file read into memory ({@link ScannedTable}) is one; a data-set snapshot streamed in
 * chunks ({@link SnapshotData}) is the other, and both give the same profile of the same rows.
 */
public interface ValidationData {
    CsvScan scan();

    /** The data-row index (as the scan counts rows, ragged ones included) of the row starting at line, or -1. */
    int rowAtLine(int line);

    /** One pass over the values: what the checks on {@code schema} and drift with {@code sampleSize} need. */
    DataProfile profile(Schema schema, int sampleSize);
}
