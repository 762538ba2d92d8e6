package dev.freshet.tasks.data;

import dev.freshet.engine.error.FreshetException;
import dev.freshet.tasks.data.parquet.RowGroupCursor;
import dev.freshet.tasks.data.parquet.SnapshotParquetFile;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The rows of a snapshot the project's reader takes ({@link SnapshotParquetFile}), decoded on a thread of their own
 * a few slices ahead of the reader, into a fixed set of reused buffers. A slice is the next rows in order, at most
 * {@link #SLICE_ROWS} of them, from one row group or running on into the next: a pass holds {@link #BUFFERS} slices
 * and one decoded page per column, whatever the rows and however large the row groups.
 */
final class DecodedRowGroups implements AutoCloseable {

    static final int SLICE_ROWS = SnapshotReader.CHUNK_ROWS * 2;

    static final int BUFFERS = 3;

    /** Rows decoded: {@code values[column][0..rows)} and, when the file may hold nulls, which ones are. */
    static final class Slice {
        final double[][] values;
        final boolean[][] nulls;
        int rows;

        Slice(int width, int size, boolean withNulls) {
            this.values = new double[width][size];
            this.nulls = withNulls ? new boolean[width][size] : null;
        }
    }

    /** What the decoder hands the reader after the last slice, or instead of a slice when it failed. */
    private record End(RuntimeException failure) {}

    private final SnapshotParquetFile file;
    private final int sliceRows;
    private final ExecutorService decoder;
    private final BlockingQueue<Slice> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Object> filled = new ArrayBlockingQueue<>(BUFFERS + 1);
    private Slice held;
    private boolean ended;

    DecodedRowGroups(SnapshotParquetFile file) {
        this(file, SLICE_ROWS);
    }

    DecodedRowGroups(SnapshotParquetFile file, int sliceRows) {
        this.file = file;
        this.sliceRows = sliceRows;
        int width = file.columns().size();
        for (int k = 0; k < BUFFERS; k++) {
            free.add(new Slice(width, sliceRows, !file.own()));
        }
        this.decoder = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "snapshot-decode");
            thread.setDaemon(true);
            return thread;
        });
        decoder.execute(this::decodeAll);
    }

    private void decodeAll() {
        int groups = file.rowGroups();
        if (groups == 0) {
            filled.add(new End(null));
            return;
        }
        try (RowGroupCursor cursor = file.cursor(0)) {
            int group = skipEmpty(cursor, 0);
            while (group < groups) {
                Slice slice = free.take();
                slice.rows = 0;
                while (slice.rows < sliceRows && group < groups) {
                    slice.rows += cursor.read(slice.values, slice.nulls, slice.rows, sliceRows - slice.rows);
                    group = skipEmpty(cursor, group);
                }
                filled.add(slice);
            }
            filled.add(new End(null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            filled.add(new End(e));
        } catch (Error e) {
            filled.add(new End(new FreshetException(file.file() + ": cannot decode: " + e, e)));
            throw e;
        }
    }

    /** The first row group from {@code group} on with rows left to read, the cursor moved there. */
    private int skipEmpty(RowGroupCursor cursor, int group) {
        while (group < file.rowGroups() && cursor.rowsLeft() == 0) {
            group++;
            if (group < file.rowGroups()) {
                cursor.moveTo(group);
            }
        }
        return group;
    }

    /** The next rows, valid until the next call; null after the last. */
    Slice next() {
        if (held != null) {
            free.add(held);
            held = null;
        }
        if (ended) {
            return null;
        }
        Object next;
        try {
            next = filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FreshetException(file.file() + ": interrupted while reading", e);
        }
        if (next instanceof End end) {
            ended = true;
            if (end.failure() != null) {
                throw end.failure();
            }
            return null;
        }
        held = (Slice) next;
        return held;
    }

    /** The rows each buffer holds. */
    int sliceRows() {
        return sliceRows;
    }

    @Override
    public void close() {
        decoder.shutdownNow();
        file.close();
    }
}
