package dev.freshet.tasks.data;

import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.tracking.Sha256;
import dev.freshet.tasks.data.parquet.ColumnPlan;
import dev.freshet.tasks.data.parquet.EncodedRowGroup;
import dev.freshet.tasks.data.parquet.RowGroupCursor;
import dev.freshet.tasks.data.parquet.SnapshotParquetFile;
import dev.freshet.tasks.data.parquet.SnapshotParquetWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Parquet batches that the project's reader takes, rewritten in the snapshot's own layout: read once (decoded a few
 * slices ahead on a thread of their own), each column stored as {@link ColumnPlanner} chooses, so that validate,
 * train and evaluate read the small integer pages rather than the batch's own (another writer's zstd pages of
 * doubles cost each of them about as much as this one rewrite). Batches with a missing or non-finite value, columns
 * that differ between batches, or a layout the reader does not take are declined before anything is kept: the other
 * path then takes them as before and says what is wrong.
 */
final class ParquetRecode {

    private static final int CHUNK_ROWS = 16_384;

    /** Row groups up to this size are decoded on every core, each held encoded until its turn to be appended. */
    private static final int GROUP_ROWS = 131_072;

    private final Consumer<String> log;

    ParquetRecode(Consumer<String> log) {
        this.log = log;
    }

    /** A batch taken, its sha256 read on a thread of its own while the rows are decoded. */
    private record Batch(
            BatchFile file, long rows, int largestGroup, Future<String> sha256, long size, FileTime modified) {}

    /** Why the batches are left to the other path. */
    private static class Declined extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Declined(String why) {
            super(why, null, false, false);
        }
    }

    /** A value that does not fit its column's plan: the pass starts again with every column a double. */
    private static final class Misfit extends Declined {
        private static final long serialVersionUID = 1L;

        Misfit(String why) {
            super(why);
        }
    }

    Optional<SnapshotIngest.Result> write(List<BatchFile> batches, HoldoutSplit split, Path snapshot) {
        // the digest reads each file whole, a second or so for a few hundred megabytes: beside the decoding, not before
        ExecutorService digests = IngestWorkers.start("ingest-sha256", 1);
        try {
            return write(batches, split, snapshot, digests);
        } finally {
            IngestWorkers.stop(digests);
        }
    }

    private Optional<SnapshotIngest.Result> write(
            List<BatchFile> batches, HoldoutSplit split, Path snapshot, ExecutorService digests) {
        List<String> columns = null;
        List<Batch> taken = new ArrayList<>();
        for (BatchFile batch : batches) {
            // taken before anything is read, so that a change made while the batch is read is seen at the end
            long size = size(batch.path());
            FileTime modified = modified(batch.path());
            Optional<SnapshotParquetFile> file;
            try {
                file = SnapshotParquetFile.open(batch.path());
            } catch (InvalidInputException unreadable) {
                return Optional.empty(); // the other path names the file as not readable Parquet
            }
            if (file.isEmpty()) {
                return Optional.empty();
            }
            try (SnapshotParquetFile open = file.get()) {
                if (columns == null) {
                    columns = open.columns();
                } else if (!columns.equals(open.columns())) {
                    return Optional.empty();
                }
                if (open.rowCount() == 0) {
                    return Optional.empty();
                }
                int largest = 0;
                for (int g = 0; g < open.rowGroups(); g++) {
                    largest = Math.max(largest, open.rows(g));
                }
                taken.add(new Batch(
                        batch,
                        open.rowCount(),
                        largest,
                        digests.submit(() -> Sha256.of(batch.path())),
                        size,
                        modified));
            }
        }
        try {
            return Optional.of(write(taken, columns, split, snapshot, null));
        } catch (Misfit misfit) {
            log.accept("ingest: " + misfit.getMessage() + "; storing every column as a double instead");
            List<ColumnPlan> doubles = columns.stream().map(ColumnPlan::doubles).toList();
            try {
                return Optional.of(write(taken, columns, split, snapshot, doubles));
            } catch (Declined again) {
                log.accept("the batches are read through DuckDB: " + again.getMessage());
                return Optional.empty();
            }
        } catch (Declined declined) {
            log.accept("the batches are read through DuckDB: " + declined.getMessage());
            return Optional.empty();
        }
    }

    private SnapshotIngest.Result write(
            List<Batch> batches, List<String> columns, HoldoutSplit split, Path snapshot, List<ColumnPlan> fixedPlan) {
        if (batches.stream().allMatch(b -> b.largestGroup() <= GROUP_ROWS)) {
            return byGroups(batches, columns, split, snapshot, fixedPlan);
        }
        return inOrder(batches, columns, split, snapshot, fixedPlan);
    }

    /** Row groups decoded, hashed and encoded on every core, each whole on one worker, appended in order. */
    private SnapshotIngest.Result byGroups(
            List<Batch> batches, List<String> columns, HoldoutSplit split, Path snapshot, List<ColumnPlan> fixedPlan) {
        long total = batches.stream().mapToLong(Batch::rows).sum();
        if (total > Integer.MAX_VALUE) {
            throw new Declined("more rows than a snapshot holds");
        }
        CompletableFuture<SnapshotParquetWriter> writer = new CompletableFuture<>();
        if (fixedPlan != null) {
            writer.complete(SnapshotParquetWriter.create(snapshot, fixedPlan, ParallelCsvIngest.ZSTD_LEVEL));
        }
        int largest = batches.stream().mapToInt(Batch::largestGroup).max().orElse(1);
        int sliceRows = SnapshotReader.bufferRows(CHUNK_ROWS, largest, columns.size());
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService workers = IngestWorkers.start("ingest-recode", threads);
        HoldoutMask.Builder mask = new HoldoutMask.Builder();
        Progress progress = new Progress(log, "ingest: read Parquet", total, 0);
        List<SnapshotParquetFile> files = new ArrayList<>();
        // a cursor keeps a decoded page per column (a megabyte each in another writer's files): reused, not remade
        Map<SnapshotParquetFile, Queue<RowGroupCursor>> cursors = new ConcurrentHashMap<>();
        Deque<Future<GroupDone>> inFlight = new ArrayDeque<>();
        Deque<SnapshotParquetFile> inFlightFiles = new ArrayDeque<>();
        boolean done = false;
        long read = 0;
        try {
            boolean first = fixedPlan == null;
            for (Batch batch : batches) {
                Path path = batch.file().path();
                SnapshotParquetFile file =
                        SnapshotParquetFile.open(path).orElseThrow(() -> new Declined(path + " changed"));
                files.add(file);
                for (int g = 0; g < file.rowGroups(); g++) {
                    if (file.rows(g) == 0) {
                        continue; // nothing to read, and nothing to plan the columns from
                    }
                    while (inFlight.size() > threads) {
                        read += appendGroup(writer, inFlight, inFlightFiles, mask, cursors);
                        progress.atRows(read);
                    }
                    int group = g;
                    boolean plans = first;
                    first = false;
                    inFlight.add(workers.submit(
                            () -> group(file, cursors, group, plans, writer, split, columns, snapshot, sliceRows)));
                    inFlightFiles.add(file);
                }
            }
            while (!inFlight.isEmpty()) {
                read += appendGroup(writer, inFlight, inFlightFiles, mask, cursors);
                progress.atRows(read);
            }
            if (writer.getNow(null) == null) {
                throw new Declined("no rows");
            }
            writer.join().finish();
            done = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FreshetException("ingest was interrupted", e);
        } finally {
            IngestWorkers.stop(workers);
            if (!done) {
                IngestWorkers.abandon(writer);
            }
            cursors.values().forEach(pool -> pool.forEach(RowGroupCursor::close));
            files.forEach(SnapshotParquetFile::close);
        }
        return result(
                batches,
                columns,
                split == null ? null : mask,
                snapshot,
                writer.join().sha256());
    }

    /** A row group decoded, its rows' sides and its slices encoded. */
    private record GroupDone(List<EncodedRowGroup> slices, boolean[] sides, int rows) {}

    private static final ThreadLocal<long[]> HASHES = ThreadLocal.withInitial(() -> new long[CHUNK_ROWS]);
    private static final ThreadLocal<long[]> BITS = ThreadLocal.withInitial(() -> new long[CHUNK_ROWS]);
    private static final ThreadLocal<boolean[]> SIDES = ThreadLocal.withInitial(() -> new boolean[CHUNK_ROWS]);

    /** On a worker: one row group, a slice at a time; the first row group's first slice plans the columns. */
    private static GroupDone group(
            SnapshotParquetFile file,
            Map<SnapshotParquetFile, Queue<RowGroupCursor>> cursors,
            int group,
            boolean plans,
            CompletableFuture<SnapshotParquetWriter> writer,
            HoldoutSplit split,
            List<String> columns,
            Path snapshot,
            int sliceRows)
            throws InterruptedException, ExecutionException {
        int rows = file.rows(group);
        int width = columns.size();
        Slot slot = SLOTS.get();
        if (slot.values.length != width || slot.rows != sliceRows) {
            slot = new Slot(width, sliceRows);
            SLOTS.set(slot);
        }
        boolean[] sides = new boolean[split == null ? 0 : rows];
        List<EncodedRowGroup> slices = new ArrayList<>();
        Queue<RowGroupCursor> pool = cursors.computeIfAbsent(file, f -> new ConcurrentLinkedQueue<>());
        RowGroupCursor reused = pool.poll();
        RowGroupCursor cursor = reused == null ? file.cursor(group) : reused.moveTo(group);
        try {
            int done = 0;
            while (done < rows) {
                int n = cursor.read(slot.values, null, 0, Math.min(sliceRows, rows - done));
                if (n <= 0) {
                    throw new InvalidInputException(
                            file.file() + ": row group " + group + " ends after " + done + " of its " + rows + " rows");
                }
                boolean finite;
                if (split != null) {
                    boolean[] chunk = SIDES.get();
                    finite = split.holdoutFiniteColumns(slot.values, n, HASHES.get(), BITS.get(), chunk);
                    System.arraycopy(chunk, 0, sides, done, n);
                } else {
                    finite = allFinite(slot.values, n);
                }
                if (!finite) {
                    if (plans) {
                        writer.complete(null);
                    }
                    throw new Declined(file.file() + " has a missing or non-finite value");
                }
                if (plans && done == 0) {
                    List<ColumnPlan> plan = new ArrayList<>();
                    for (int j = 0; j < width; j++) {
                        plan.add(ColumnPlanner.plan(columns.get(j), slot.values[j], n));
                    }
                    SnapshotParquetWriter created =
                            SnapshotParquetWriter.create(snapshot, plan, ParallelCsvIngest.ZSTD_LEVEL);
                    if (!writer.complete(created)) {
                        created.abort(); // the rewrite ended while this row group was read
                    }
                }
                SnapshotParquetWriter encoder = writer.get();
                if (encoder == null) {
                    throw new Declined("the first row group was not taken");
                }
                slices.add(encode(encoder, slot, n).group());
                done += n;
            }
        } finally {
            if (plans) {
                writer.complete(null); // nothing if the writer was made: those waiting for it go on either way
            }
            pool.add(cursor);
        }
        return new GroupDone(slices, sides, rows);
    }

    private static final ThreadLocal<Slot> SLOTS = ThreadLocal.withInitial(() -> new Slot(0, 0));

    /** Appends the oldest row group in flight; once a batch's last one is appended, closes that batch's cursors. */
    private static int appendGroup(
            CompletableFuture<SnapshotParquetWriter> writer,
            Deque<Future<GroupDone>> inFlight,
            Deque<SnapshotParquetFile> inFlightFiles,
            HoldoutMask.Builder mask,
            Map<SnapshotParquetFile, Queue<RowGroupCursor>> cursors)
            throws InterruptedException {
        SnapshotParquetFile source = inFlightFiles.poll();
        Path file = source.file();
        GroupDone done;
        try {
            done = IngestWorkers.result(inFlight.poll());
        } catch (InvalidInputException unreadable) {
            throw SnapshotReader.notParquet(file, file, unreadable);
        }
        for (EncodedRowGroup slice : done.slices()) {
            writer.join().append(slice);
        }
        if (!inFlightFiles.contains(source)) {
            Queue<RowGroupCursor> pool = cursors.remove(source);
            if (pool != null) {
                pool.forEach(RowGroupCursor::close);
            }
        }
        for (boolean side : done.sides()) {
            mask.add(side);
        }
        return done.rows();
    }

    /** Chunks read in order through the snapshot reader, for row groups too large to hold encoded whole. */
    private SnapshotIngest.Result inOrder(
            List<Batch> batches, List<String> columns, HoldoutSplit split, Path snapshot, List<ColumnPlan> fixedPlan) {
        int width = columns.size();
        long total = batches.stream().mapToLong(Batch::rows).sum();
        if (total > Integer.MAX_VALUE) {
            throw new Declined("more rows than a snapshot holds");
        }
        HoldoutMask.Builder mask = new HoldoutMask.Builder();
        long[] hashes = new long[CHUNK_ROWS];
        long[] bits = new long[CHUNK_ROWS];
        boolean[] sides = new boolean[CHUNK_ROWS];
        Progress progress = new Progress(log, "ingest: read Parquet", total, 0);
        SnapshotParquetWriter writer = fixedPlan == null
                ? null
                : SnapshotParquetWriter.create(snapshot, fixedPlan, ParallelCsvIngest.ZSTD_LEVEL);
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService workers = IngestWorkers.start("ingest-encode", threads);
        long longest = batches.stream().mapToLong(Batch::rows).max().orElse(1);
        int chunkRows = SnapshotReader.bufferRows(CHUNK_ROWS, longest, width);
        Deque<Slot> free = new ArrayDeque<>();
        for (int k = 0; k <= threads; k++) {
            free.add(new Slot(width, chunkRows));
        }
        Deque<Future<Encoded>> inFlight = new ArrayDeque<>();
        boolean done = false;
        long read = 0;
        try {
            for (Batch batch : batches) {
                Path path = batch.file().path();
                try (SnapshotReader reader = SnapshotReader.openRaw(path, chunkRows)) {
                    while (reader.next()) {
                        int rows = reader.chunkRows();
                        double[][] values = reader.values();
                        boolean finite = split == null
                                ? allFinite(values, rows)
                                : split.holdoutFiniteColumns(values, rows, hashes, bits, sides);
                        for (int j = 0; j < width && finite; j++) {
                            finite = !reader.anyNull(j, rows);
                        }
                        if (!finite) {
                            throw new Declined(path + " has a missing or non-finite value");
                        }
                        if (split != null) {
                            for (int i = 0; i < rows; i++) {
                                mask.add(sides[i]);
                            }
                        }
                        if (writer == null) {
                            List<ColumnPlan> plan = new ArrayList<>();
                            for (int j = 0; j < width; j++) {
                                plan.add(ColumnPlanner.plan(columns.get(j), values[j], rows));
                            }
                            writer = SnapshotParquetWriter.create(snapshot, plan, ParallelCsvIngest.ZSTD_LEVEL);
                        }
                        while (free.isEmpty()) {
                            append(writer, inFlight, free);
                        }
                        Slot slot = free.poll();
                        for (int j = 0; j < width; j++) {
                            System.arraycopy(values[j], 0, slot.values[j], 0, rows);
                        }
                        SnapshotParquetWriter encoder = writer;
                        inFlight.add(workers.submit(() -> encode(encoder, slot, rows)));
                        read += rows;
                        progress.atRows(read);
                    }
                } catch (InvalidInputException unreadable) {
                    throw SnapshotReader.notParquet(path, path, unreadable);
                }
            }
            while (!inFlight.isEmpty()) {
                append(writer, inFlight, free);
            }
            writer.finish();
            done = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FreshetException("ingest was interrupted", e);
        } finally {
            IngestWorkers.stop(workers);
            if (!done && writer != null) {
                writer.abort();
            }
        }
        return result(batches, columns, split == null ? null : mask, snapshot, writer.sha256());
    }

    /** What ingest made, once every batch is as it was when its sha256 was taken. */
    private SnapshotIngest.Result result(
            List<Batch> batches, List<String> columns, HoldoutMask.Builder mask, Path snapshot, String snapshotSha256) {
        List<BatchSpan> spans = new ArrayList<>();
        int first = 0;
        int nextLine = 2;
        // every digest read to its end before any batch is checked, so a change made while one was still read is seen
        List<String> digests = batches.stream().map(ParquetRecode::sha256).toList();
        for (int b = 0; b < batches.size(); b++) {
            Batch batch = batches.get(b);
            Path path = batch.file().path();
            if (size(path) != batch.size() || !modified(path).equals(batch.modified())) {
                throw new InvalidInputException("cannot ingest " + path + ": it changed while it was read; ingest it "
                        + "again once it is complete");
            }
            int rows = (int) batch.rows();
            spans.add(new BatchSpan(
                    path.toString(), digests.get(b), batch.file().modified().toString(), rows, first, nextLine, rows));
            first += rows;
            nextLine += rows;
        }
        LineMap.Builder lines = new LineMap.Builder();
        lines.rows(2, 0, first);
        CsvScan scan = new CsvScan(
                snapshot.toString(), columns, first, List.of(), SnapshotIngest.zeroCounts(columns), 0, true);
        log.accept("read " + first + " rows of " + batches.size() + " Parquet batch(es) and wrote them to "
                + snapshot.getFileName() + " in the snapshot's own layout");
        return new SnapshotIngest.Result(
                new DatasetManifest(columns, first, spans),
                new DatasetScan(scan, lines.build()),
                mask == null ? null : mask.build(),
                "recoded",
                snapshotSha256);
    }

    private static String sha256(Batch batch) {
        try {
            return IngestWorkers.result(batch.sha256());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FreshetException("ingest was interrupted", e);
        }
    }

    /** A chunk's values copied for a worker, and the integers it makes of them; reused chunk after chunk. */
    private static final class Slot {
        final int rows;
        final double[][] values;
        final long[][] unscaled;

        Slot(int width, int rows) {
            this.rows = rows;
            this.values = new double[width][rows];
            this.unscaled = new long[width][rows];
        }
    }

    private record Encoded(Slot slot, EncodedRowGroup group) {}

    /** On a worker: the chunk's decimals as integers (or a misfit), then its row group encoded. */
    private static Encoded encode(SnapshotParquetWriter writer, Slot slot, int rows) {
        for (int j = 0; j < slot.values.length; j++) {
            ColumnPlan column = writer.plan().get(j);
            if (column.kind() != ColumnPlan.Kind.DOUBLE) {
                String misfit = ColumnPlanner.unscale(column, slot.values[j], rows, slot.unscaled[j]);
                if (misfit != null) {
                    throw new Misfit(misfit);
                }
            }
        }
        return new Encoded(slot, writer.encode(rows, slot.values, slot.unscaled));
    }

    /** Appends the oldest chunk in flight and gives its slot back. */
    private static void append(SnapshotParquetWriter writer, Deque<Future<Encoded>> inFlight, Deque<Slot> free)
            throws InterruptedException {
        Encoded encoded = IngestWorkers.result(inFlight.poll());
        writer.append(encoded.group());
        free.add(encoded.slot());
    }

    private static boolean allFinite(double[][] columns, int rows) {
        boolean finite = true;
        for (double[] values : columns) {
            for (int i = 0; i < rows; i++) {
                finite &= Double.isFinite(values[i]);
            }
        }
        return finite;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot ingest " + file + ": cannot read file: " + e, e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot ingest " + file + ": cannot read file: " + e, e);
        }
    }
}
