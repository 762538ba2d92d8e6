package dev.freshet.tasks.data.parquet;

import java.util.List;

/**
 * A row group's columns encoded and compressed, ready to append: made by {@link SnapshotParquetWriter#encode} on any
 * thread, appended in order by one.
 */
public final class EncodedRowGroup {

    private final List<ColumnPlan> plan;
    private final int rows;
    private final ColumnPages.Chunk[] chunks;
    private volatile boolean appended;

    EncodedRowGroup(List<ColumnPlan> plan, int rows, ColumnPages.Chunk[] chunks) {
        this.plan = plan;
        this.rows = rows;
        this.chunks = chunks;
    }

    public int rows() {
        return rows;
    }

    /** The bytes this group adds to the file. */
    public long compressedBytes() {
        long total = 0;
        for (ColumnPages.Chunk chunk : chunks) {
            total += chunk.length();
        }
        return total;
    }

    boolean appended() {
        return appended;
    }

    /** Its chunks' arrays go back to the writer for the next groups: it cannot be appended again. */
    void markAppended() {
        appended = true;
    }

    List<ColumnPlan> plan() {
        return plan;
    }

    ColumnPages.Chunk chunk(int column) {
        return chunks[column];
    }
}
