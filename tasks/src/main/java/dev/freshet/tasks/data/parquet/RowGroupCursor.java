package dev.freshet.tasks.data.parquet;

import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.error.InvalidInputException;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.List;

/**
 * Reads a row group's rows in order, the next few of every column at a time, decoding pages as it goes: it holds one
 * decoded page per column (and the scratch of one page), whatever the row group's size. One thread at a time; move it
 * to another row group with {@link #moveTo} to reuse its buffers. Close it to free its decompressors.
 */
public final class RowGroupCursor implements AutoCloseable {

    private final SnapshotParquetFile file;
    private final ColumnChunkCursor[] columns;
    private final PageScratch scratch = new PageScratch();
    private int group = -1;
    private int rowsLeft;

    RowGroupCursor(SnapshotParquetFile file, List<ColumnPlan> plan, boolean[] optional) {
        this.file = file;
        this.columns = new ColumnChunkCursor[plan.size()];
        for (int j = 0; j < columns.length; j++) {
            columns[j] = new ColumnChunkCursor(plan.get(j), optional[j], scratch);
        }
    }

    /** Starts again at the first row of row group {@code group}. */
    public RowGroupCursor moveTo(int group) {
        file.startChunks(group, columns);
        this.group = group;
        this.rowsLeft = file.rows(group);
        return this;
    }

    public int group() {
        return group;
    }

    /** Rows of the row group not read yet. */
    public int rowsLeft() {
        return rowsLeft;
    }

    /** {@link #read(double[][], boolean[][], int, int)} from the buffers' start. */
    public int read(double[][] into, boolean[][] nulls, int max) {
        return read(into, nulls, 0, max);
    }

    /**
     * Decodes the next {@code max} rows (fewer at the row group's end) of every column {@code j} into
     * {@code into[j][offset..)}, a null as NaN and, when {@code nulls} is not null, {@code nulls[j][i]} true for it.
     * Returns how many rows it read, 0 at the end. A page that does not decode throws {@link InvalidInputException}
     * naming the file, the column and the row group.
     */
    public int read(double[][] into, boolean[][] nulls, int offset, int max) {
        int n = Math.min(max, rowsLeft);
        if (n <= 0) {
            return 0;
        }
        for (int j = 0; j < columns.length; j++) {
            ColumnChunkCursor column = columns[j];
            try {
                column.read(file.source(), into[j], nulls == null ? null : nulls[j], offset, n);
            } catch (ColumnPages.CorruptPage e) {
                throw new InvalidInputException(
                        file.file() + ": column " + column.column().name() + ", row group " + group + ": "
                                + e.getMessage(),
                        e);
            } catch (ClosedByInterruptException e) {
                throw new FreshetException("reading " + file.file() + " was interrupted", e);
            } catch (IOException e) {
                throw new FreshetException("cannot read " + file.file() + ": " + e.getMessage(), e);
            }
        }
        rowsLeft -= n;
        return n;
    }

    @Override
    public void close() {
        scratch.close();
    }
}
