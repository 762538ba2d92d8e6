package dev.freshet.tasks.data;

import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.tasks.data.parquet.ColumnPlan;
import dev.freshet.tasks.data.parquet.EncodedRowGroup;
import dev.freshet.tasks.data.parquet.SnapshotParquetWriter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The fast path for CSV batches: one read of each file, cut into blocks of whole lines that every core parses
 * ({@link CsvBlockParser}) and encodes at once, while this thread hashes the bytes (sha256) and appends the blocks'
 * row groups to the snapshot in file order ({@link SnapshotParquetWriter}). Each row's holdout side comes from its
 * text, as {@link CsvPrescan} gives it, so the split is the one every other reader makes.
 *
 * <p>A column whose first block held only decimals of at most nine places is stored as its exact decimal
 * integers (Parquet DECIMAL): a six-digit decimal read into a double has no pattern a compressor finds, its integer
 * has. A later value that does not fit the plan (more places, a negative zero) makes the pass start again with
 * every column a double. A batch in any other form is declined before anything is kept, and the other readers take
 * it as before.
 */
final class ParallelCsvIngest {

    static final int BLOCK_BYTES = 8 << 20;
    static final int ZSTD_LEVEL = -1;

    private final Consumer<String> log;
    private final int threads;
    private final int blockBytes;

    ParallelCsvIngest(Consumer<String> log) {
        this(
                log,
                Runtime.getRuntime().availableProcessors(),
                blockBytes(
                        Runtime.getRuntime().maxMemory(), Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Blocks small enough that the ones in flight take at most about a quarter of the heap: a block's numbers can take
     * eight times its bytes as doubles and as many again as integers (fields of a digit and a comma), times the
     * {@code threads + 1} blocks in flight; at most {@link #BLOCK_BYTES}, at least 256 KiB.
     */
    static int blockBytes(long maxHeap, int threads) {
        long fits = maxHeap / (4L * 17 * (threads + 1));
        return (int) Math.max(256 << 10, Math.min(BLOCK_BYTES, fits));
    }

    ParallelCsvIngest(Consumer<String> log, int threads, int blockBytes) {
        this.log = log;
        this.threads = Math.max(1, threads);
        this.blockBytes = blockBytes;
    }

    /** Writes the snapshot, or says (empty) that a batch is not in the form this path takes; then nothing is left. */
    Optional<SnapshotIngest.Result> write(
            List<BatchFile> batches, List<String> columns, HoldoutSplit split, Path snapshot, long totalBytes) {
        Attempt first = new Attempt(batches, columns, split, snapshot, totalBytes, null);
        Outcome outcome = first.run();
        if (outcome instanceof Outcome.Misfit misfit) {
            log.accept("ingest: " + misfit.why() + "; storing every column as a double instead");
            List<ColumnPlan> doubles = columns.stream()
                    .map(c -> new ColumnPlan(c, ColumnPlan.Kind.DOUBLE, 0))
                    .toList();
            outcome = new Attempt(batches, columns, split, snapshot, totalBytes, doubles).run();
        }
        if (outcome instanceof Outcome.Declined declined) {
            log.accept("the parallel reader declined " + declined.why() + "; reading it with DuckDB");
            return Optional.empty();
        }
        return Optional.of(((Outcome.Done) outcome).result());
    }

    private sealed interface Outcome {
        record Done(SnapshotIngest.Result result) implements Outcome {}

        record Declined(String why) implements Outcome {}

        record Misfit(String why) implements Outcome {}
    }

    /**
     * The buffers of one block in flight, reused from block to block: a pass touches the same few blocks' memory
     * whatever the file's size (fresh arrays for every block cost more in page faults than the parse itself).
     */
    private static final class Slot {
        final byte[] bytes;
        final CsvBlockParser.Block parsed;
        long[][] unscaled;
        boolean[] holdout = new boolean[0];

        Slot(int blockBytes, int width) {
            this.bytes = new byte[blockBytes];
            this.parsed = new CsvBlockParser.Block(width, 4096);
            this.unscaled = new long[width][];
        }
    }

    /** A block parsed and encoded on a worker: its row group, or why it was not taken. */
    private record Parsed(Slot slot, EncodedRowGroup group, Outcome failure) {}

    private final class Attempt {
        private final List<BatchFile> batches;
        private final List<String> columns;
        private final HoldoutSplit split;
        private final Path snapshot;
        private final long totalBytes;
        /** The writer, made once the plan is known (by the first block's worker); null when that block declined. */
        private final CompletableFuture<SnapshotParquetWriter> writer = new CompletableFuture<>();

        private final CsvBlockParser parser;
        private final BlockingQueue<Slot> free;
        private final Deque<Future<Parsed>> inFlight = new ArrayDeque<>();
        private final HoldoutMask.Builder mask = new HoldoutMask.Builder();
        private final Progress progress;
        private boolean submittedFirst;
        private long rowsDone;
        private long bytesDone;

        Attempt(
                List<BatchFile> batches,
                List<String> columns,
                HoldoutSplit split,
                Path snapshot,
                long totalBytes,
                List<ColumnPlan> fixedPlan) {
            this.batches = batches;
            this.columns = columns;
            this.split = split;
            this.snapshot = snapshot;
            this.totalBytes = totalBytes;
            this.parser = new CsvBlockParser(columns.size(), split == null ? 0 : split.hashStart());
            this.free = new ArrayBlockingQueue<>(threads + 1);
            this.progress = new Progress(log, "ingest: parse and write", 0, totalBytes);
            if (fixedPlan != null) {
                writer.complete(SnapshotParquetWriter.create(snapshot, fixedPlan, ZSTD_LEVEL));
            }
        }

        Outcome run() {
            ExecutorService workers = IngestWorkers.start("ingest-parse", threads);
            for (int k = 0; k < threads + 1; k++) {
                free.add(new Slot(blockBytes, columns.size()));
            }
            List<BatchSpan> spans = new ArrayList<>();
            boolean done = false;
            try {
                int rows = 0;
                int nextLine = 2;
                for (BatchFile batch : batches) {
                    Batch counted = new Batch();
                    String sha256 = read(batch.path(), counted, block -> inFlight.add(workers.submit(block)));
                    while (!inFlight.isEmpty()) {
                        append(counted);
                    }
                    if (counted.rows == 0) {
                        throw new Refusal(new Outcome.Declined(batch.path() + ": no data rows"));
                    }
                    if (counted.sawCrLf && counted.sawLf) {
                        throw new Refusal(new Outcome.Declined(batch.path() + ": a mix of CRLF and LF line ends"));
                    }
                    spans.add(new BatchSpan(
                            batch.path().toString(),
                            sha256,
                            batch.modified().toString(),
                            counted.rows,
                            rows,
                            nextLine,
                            counted.rows));
                    rows += counted.rows;
                    nextLine += counted.rows;
                }
                SnapshotParquetWriter made = writer.getNow(null);
                if (made == null) {
                    throw new Refusal(new Outcome.Declined("data without rows"));
                }
                made.finish();
                done = true;
                progress.at(rows, totalBytes);
                LineMap.Builder lines = new LineMap.Builder();
                for (BatchSpan span : spans) {
                    lines.rows(span.firstLine(), span.firstRow(), span.rows());
                }
                CsvScan scan = new CsvScan(
                        snapshot.toString(), columns, rows, List.of(), SnapshotIngest.zeroCounts(columns), 0, true);
                log.accept("parsed " + rows + " rows on " + threads + " threads into " + snapshot.getFileName());
                return new Outcome.Done(new SnapshotIngest.Result(
                        new DatasetManifest(columns, rows, spans),
                        new DatasetScan(scan, lines.build()),
                        split == null ? null : mask.build(),
                        "parallel",
                        made.sha256()));
            } catch (Refusal refusal) {
                return refusal.outcome;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FreshetException("ingest was interrupted", e);
            } finally {
                IngestWorkers.stop(workers);
                if (!done) {
                    IngestWorkers.abandon(writer);
                }
            }
        }

        /** Counts of one batch so far. */
        private static final class Batch {
            int rows;
            boolean sawCrLf;
            boolean sawLf;
        }

        /** Appends the oldest block in flight to the snapshot and gives its buffers back. */
        private void append(Batch batch) throws InterruptedException {
            Parsed parsed = IngestWorkers.result(inFlight.poll());
            if (parsed.failure() != null) {
                throw new Refusal(parsed.failure());
            }
            Slot slot = parsed.slot();
            int rows = slot.parsed.rows();
            writer.join().append(parsed.group());
            if (split != null) {
                for (int r = 0; r < rows; r++) {
                    mask.add(slot.holdout[r]);
                }
            }
            batch.rows += rows;
            batch.sawCrLf |= slot.parsed.sawCrLf();
            batch.sawLf |= slot.parsed.sawLf();
            rowsDone += rows;
            progress.at(rowsDone, bytesDone);
            free.add(slot);
        }

        private interface Blocks {
            void accept(Callable<Parsed> block);
        }

        /** Reads a batch in blocks of whole lines, handing each to {@code blocks}; returns the file's sha256. */
        private String read(Path file, Batch batch, Blocks blocks) throws InterruptedException {
            MessageDigest sha;
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                byte[] carry = new byte[0];
                boolean header = true;
                boolean end = false;
                while (!end) {
                    Slot slot;
                    while ((slot = free.poll()) == null) {
                        append(batch);
                    }
                    byte[] buffer = slot.bytes;
                    System.arraycopy(carry, 0, buffer, 0, carry.length);
                    int length = carry.length;
                    ByteBuffer target = ByteBuffer.wrap(buffer);
                    target.position(length);
                    while (target.hasRemaining()) {
                        int read = channel.read(target);
                        if (read < 0) {
                            end = true;
                            break;
                        }
                        sha.update(buffer, length, read);
                        length += read;
                        bytesDone += read;
                    }
                    int from = 0;
                    if (header) {
                        from = headerEnd(buffer, length, file, batch);
                        header = false;
                    }
                    int to = length;
                    if (!end) {
                        to = lastLineEnd(buffer, from, length);
                        if (to < 0 || length - to > buffer.length / 2) {
                            throw new Refusal(new Outcome.Declined(
                                    file + ": a line longer than " + buffer.length / 2 + " bytes"));
                        }
                    }
                    carry = Arrays.copyOfRange(buffer, to, length);
                    if (to > from) {
                        boolean first = !writer.isDone() && !submittedFirst;
                        submittedFirst = true;
                        int start = from;
                        int stop = to;
                        Slot taken = slot;
                        blocks.accept(() -> parse(taken, start, stop, first));
                    } else {
                        free.add(slot);
                    }
                }
            } catch (ClosedByInterruptException e) {
                Thread.currentThread().interrupt();
                throw new FreshetException("ingest was interrupted", e);
            } catch (NoSuchFileException e) {
                throw new InvalidInputException("cannot ingest " + file + ": file not found", e);
            } catch (IOException e) {
                throw new InvalidInputException("cannot ingest " + file + ": cannot read file: " + e, e);
            }
            return HexFormat.of().formatHex(sha.digest());
        }

        /** Where the header line ends (after its line feed); declines a header with a quote or no line feed. */
        private int headerEnd(byte[] buffer, int length, Path file, Batch batch) {
            for (int i = 0; i < length; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    if (i > 0 && buffer[i - 1] == '\r') {
                        batch.sawCrLf = true;
                    } else {
                        batch.sawLf = true;
                    }
                    return i + 1;
                }
                if (b == '"' || b == '\r' && i + 1 < length && buffer[i + 1] != '\n') {
                    throw new Refusal(new Outcome.Declined(file + ": a header with quotes or a lone CR"));
                }
            }
            throw new Refusal(new Outcome.Declined(file + ": a header without data rows"));
        }

        private static int lastLineEnd(byte[] buffer, int from, int length) {
            for (int i = length - 1; i >= from; i--) {
                if (buffer[i] == '\n') {
                    return i + 1;
                }
            }
            return -1;
        }

        /** On a worker: parses the block, then (once the plan is known) encodes it. */
        private Parsed parse(Slot slot, int from, int to, boolean first) throws InterruptedException {
            CsvBlockParser.Block block = parser.parse(slot.bytes, from, to, slot.parsed);
            if (block.declined() != null) {
                if (first) {
                    writer.complete(null);
                }
                return failed(new Outcome.Declined(block.declined()));
            }
            if (first) {
                try {
                    SnapshotParquetWriter created = SnapshotParquetWriter.create(snapshot, planOf(block), ZSTD_LEVEL);
                    if (!writer.complete(created)) {
                        created.abort(); // the attempt ended while this block was parsed
                    }
                } catch (RuntimeException e) {
                    writer.complete(null);
                    throw e;
                }
            }
            SnapshotParquetWriter encoder;
            try {
                encoder = writer.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
            if (encoder == null) {
                return failed(new Outcome.Declined("the first block"));
            }
            int rows = block.rows();
            List<ColumnPlan> plan = encoder.plan();
            for (int j = 0; j < plan.size(); j++) {
                ColumnPlan column = plan.get(j);
                if (column.kind() == ColumnPlan.Kind.DOUBLE) {
                    continue;
                }
                if (slot.unscaled[j] == null || slot.unscaled[j].length < rows) {
                    slot.unscaled[j] = new long[block.columns()[j].length];
                }
                String misfit = ColumnPlanner.unscale(column, block.columns()[j], rows, slot.unscaled[j]);
                if (misfit != null) {
                    return failed(new Outcome.Misfit(misfit));
                }
            }
            if (split != null) {
                if (slot.holdout.length < rows) {
                    slot.holdout = new boolean[block.hashes().length];
                }
                long[] hashes = block.hashes();
                for (int r = 0; r < rows; r++) {
                    slot.holdout[r] = split.isHoldoutHash(hashes[r]);
                }
            }
            return new Parsed(slot, encoder.encode(rows, block.columns(), slot.unscaled), null);
        }

        private static Parsed failed(Outcome why) {
            return new Parsed(null, null, why);
        }

        /** Per column, from the first block: whole numbers, decimals of a few places, or doubles. */
        private List<ColumnPlan> planOf(CsvBlockParser.Block block) {
            List<ColumnPlan> planned = new ArrayList<>();
            for (int j = 0; j < columns.size(); j++) {
                planned.add(ColumnPlanner.plan(columns.get(j), block.columns()[j], block.rows()));
            }
            return planned;
        }
    }

    /** Ends an attempt early with its outcome. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Outcome outcome;

        Refusal(Outcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }
}
