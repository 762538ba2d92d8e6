package dev.freshet.tasks.data;

import java.util.List;
import java.util.Locale;

/**
 * Names a row of an ingested data set by the batch file and line it came from, e.g.
 * {@code landing/2024-03-05.csv:14 (row 13)}, or {@code landing/b2.parquet (row 13)}, using the ingest's
 * {@link DatasetManifest}.
 */
public final class RowLocator {
    private final String datasetFile;
    private final List<BatchSpan> batches;

    public RowLocator(String datasetFile, List<BatchSpan> batches) {
        this.datasetFile = datasetFile;
        this.batches = List.copyOf(batches);
    }

    /** A locator for a file that is its own only batch. */
    public static RowLocator identity(String file) {
        return new RowLocator(file, List.of());
    }

    /** @param row the union's 0-based data-row index of the row at {@code line}, or -1 if unknown */
    public String describe(int line, int row) {
        for (BatchSpan batch : batches) {
            if (batch.containsLine(line)
                    && batch.file().toLowerCase(Locale.ROOT).endsWith(".parquet")) {
                // a Parquet batch has no lines: its rows count as lines after a header line
                return batch.file() + " (row " + (batch.batchLine(line) - 1) + ")";
            }
            if (batch.containsLine(line)) {
                String where = batch.file() + ":" + batch.batchLine(line);
                return row >= 0 ? where + " (row " + (row - batch.firstRow() + 1) + ")" : where;
            }
        }
        return datasetFile + ":" + line + (row >= 0 ? " (row " + (row + 1) + ")" : "");
    }

    public String datasetFile() {
        return datasetFile;
    }
}
