package dev.freshet.tasks.data;

import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.tasks.data.parquet.ColumnPlan;
import dev.freshet.tasks.data.parquet.RowGroupCursor;
import dev.freshet.tasks.data.parquet.SnapshotParquetFile;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The rows of a snapshot the project's reader takes ({@link SnapshotParquetFile}), decoded on threads of their own a
 * few slices ahead of the reader, into a fixed set of reused buffers. A slice is the next rows in order, at most
 * {@link #SLICE_ROWS} of them (fewer when the data is wide or short: {@link SnapshotReader#bufferRows}), from one
 * row group. The snapshot's own files are decoded by two threads, each taking every other row group, so that
 * decoding keeps up with a reader that does little with each row (evaluation's predictions, validation's checks):
 * the reader takes the row groups back in order. Another writer's file, whose pages can hold a whole column chunk
 * each, is decoded by one thread. A decoder holds {@link #BUFFERS} slices and one decoded page per column, whatever
 * the rows and however large the row groups.
 */
final class DecodedRowGroups implements AutoCloseable {

    static final int SLICE_ROWS = SnapshotReader.CHUNK_ROWS * 2;

    /** Slices per decoder: one the reader holds, one being filled. */
    static final int BUFFERS = 2;

    /** Enough to keep a reader fed; more would only hold more slices. */
    static final int MAX_DECODERS = 2;

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

    /** What a decoder hands the reader after a row group's last slice. */
    private static final Object GROUP_END = new Object();

    /** What a decoder hands the reader instead of a slice when it failed. */
    private record Failure(RuntimeException failure) {}

    /** One decoding thread's slices: free for it to fill, filled for the reader to take, in its row groups' order. */
    private static final class Decoder {
        final BlockingQueue<Slice> free = new ArrayBlockingQueue<>(BUFFERS);
        // unbounded: besides its slices it holds only the end marks of row groups, empty ones included
        final BlockingQueue<Object> filled = new LinkedBlockingQueue<>();
    }

    private final SnapshotParquetFile file;
    private final int sliceRows;
    private final Decoder[] decoders;
    private final ExecutorService threads;
    private int group;
    private Slice held;
    private Decoder heldBy;
    private boolean failed;

    DecodedRowGroups(SnapshotParquetFile file) {
        this(
                file,
                SnapshotReader.bufferRows(
                        SLICE_ROWS, file.rowCount(), file.columns().size()));
    }

    DecodedRowGroups(SnapshotParquetFile file, int sliceRows) {
        this.file = file;
        this.sliceRows = sliceRows;
        int width = file.columns().size();
        int count = file.own()
                ? Math.max(
                        1,
                        Math.min(Math.min(MAX_DECODERS, Runtime.getRuntime().availableProcessors()), file.rowGroups()))
                : 1;
        this.decoders = new Decoder[count];
        for (int d = 0; d < count; d++) {
            decoders[d] = new Decoder();
            for (int k = 0; k < BUFFERS; k++) {
                decoders[d].free.add(new Slice(width, sliceRows, !file.own()));
            }
        }
        this.threads = Executors.newFixedThreadPool(count, r -> {
            Thread thread = new Thread(r, "snapshot-decode");
            thread.setDaemon(true);
            return thread;
        });
        for (int d = 0; d < count; d++) {
            int first = d;
            threads.execute(() -> decode(first));
        }
    }

    /** Decodes row groups {@code first}, {@code first + decoders}, … into the decoder's slices. */
    private void decode(int first) {
        Decoder decoder = decoders[first];
        int groups = file.rowGroups();
        if (first >= groups) {
            return;
        }
        try (RowGroupCursor cursor = file.cursor(first)) {
            for (int g = first; g < groups; g += decoders.length) {
                if (g != first) {
                    cursor.moveTo(g);
                }
                while (cursor.rowsLeft() > 0) {
                    Slice slice = decoder.free.take();
                    slice.rows = cursor.read(slice.values, slice.nulls, 0, sliceRows);
                    if (file.own()) {
                        requireFinite(slice, g);
                    }
                    decoder.filled.add(slice);
                }
                decoder.filled.add(GROUP_END);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            decoder.filled.add(new Failure(e));
        } catch (Error e) {
            decoder.filled.add(new Failure(new FreshetException(file.file() + ": cannot decode: " + e, e)));
            throw e;
        }
    }

    /**
     * The project's writer stores finite numbers only, and readers count on it ({@link SnapshotReader#alwaysFinite}):
     * a file that claims to be its and holds anything else is refused. Its whole-number and decimal columns cannot.
     */
    private void requireFinite(Slice slice, int group) {
        List<ColumnPlan> plan = file.plan();
        for (int j = 0; j < plan.size(); j++) {
            if (plan.get(j).kind() != ColumnPlan.Kind.DOUBLE) {
                continue;
            }
            double[] values = slice.values[j];
            for (int i = 0; i < slice.rows; i++) {
                if (!Double.isFinite(values[i])) {
                    throw new InvalidInputException(
                            file.file() + ": column " + plan.get(j).name() + ", row group "
                                    + group + ": a value that is not a finite number (" + values[i]
                                    + "), which the snapshot writer never writes");
                }
            }
        }
    }

    /** The next rows, valid until the next call; null after the last. */
    Slice next() {
        if (held != null) {
            heldBy.free.add(held);
            held = null;
        }
        while (!failed && group < file.rowGroups()) {
            Decoder decoder = decoders[group % decoders.length];
            Object next;
            try {
                next = decoder.filled.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FreshetException(file.file() + ": interrupted while reading", e);
            }
            if (next == GROUP_END) {
                group++;
            } else if (next instanceof Failure failure) {
                failed = true;
                throw failure.failure();
            } else {
                held = (Slice) next;
                heldBy = decoder;
                return held;
            }
        }
        return null;
    }

    /** The rows each buffer holds. */
    int sliceRows() {
        return sliceRows;
    }

    /** How many threads decode this file. */
    int decoders() {
        return decoders.length;
    }

    @Override
    public void close() {
        threads.shutdownNow();
        file.close();
    }
}
