package dev.freshet.tasks.data;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.tracking.Sha256;
import dev.freshet.tasks.data.parquet.ColumnPlan;
import dev.freshet.tasks.data.parquet.SnapshotParquetFile;
import dev.freshet.tasks.data.parquet.SnapshotParquetWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    private final Consumer<String> log;

    ParquetRecode(Consumer<String> log) {
        this.log = log;
    }

    private record Batch(BatchFile file, long rows, String sha256, long size, FileTime modified) {}

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
        List<String> columns = null;
        List<Batch> taken = new ArrayList<>();
        for (BatchFile batch : batches) {
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
                taken.add(new Batch(
                        batch, open.rowCount(), Sha256.of(batch.path()), size(batch.path()), modified(batch.path())));
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
        int width = columns.size();
        long total = batches.stream().mapToLong(Batch::rows).sum();
        if (total > Integer.MAX_VALUE) {
            throw new Declined("more rows than a snapshot holds");
        }
        HoldoutMask.Builder mask = new HoldoutMask.Builder();
        long[] hashes = new long[CHUNK_ROWS];
        boolean[] sides = new boolean[CHUNK_ROWS];
        long[][] unscaled = new long[width][CHUNK_ROWS];
        Progress progress = new Progress(log, "ingest: read Parquet", total, 0);
        SnapshotParquetWriter writer = fixedPlan == null
                ? null
                : SnapshotParquetWriter.create(snapshot, fixedPlan, ParallelCsvIngest.ZSTD_LEVEL);
        boolean done = false;
        long read = 0;
        try {
            for (Batch batch : batches) {
                Path path = batch.file().path();
                try (SnapshotReader reader = SnapshotReader.openRaw(path, CHUNK_ROWS)) {
                    while (reader.next()) {
                        int rows = reader.chunkRows();
                        double[][] values = reader.values();
                        for (int j = 0; j < width; j++) {
                            if (!allFinite(values[j], rows) || reader.anyNull(j, rows)) {
                                throw new Declined(batch.file().path() + " has a missing or non-finite value");
                            }
                        }
                        if (split != null) {
                            split.holdoutColumns(values, rows, hashes, sides);
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
                        for (int j = 0; j < width; j++) {
                            ColumnPlan column = writer.plan().get(j);
                            if (column.kind() != ColumnPlan.Kind.DOUBLE) {
                                String misfit = ColumnPlanner.unscale(column, values[j], rows, unscaled[j]);
                                if (misfit != null) {
                                    throw new Misfit(misfit);
                                }
                            }
                        }
                        writer.append(writer.encode(rows, values, unscaled));
                        read += rows;
                        progress.atRows(read);
                    }
                } catch (Declined declined) {
                    throw declined;
                } catch (InvalidInputException unreadable) {
                    throw SnapshotReader.notParquet(path, path, unreadable);
                }
                if (size(batch.file().path()) != batch.size()
                        || !modified(batch.file().path()).equals(batch.modified())) {
                    throw new InvalidInputException(
                            "cannot ingest " + batch.file().path() + ": it changed while it "
                                    + "was read; ingest it again once it is complete");
                }
            }
            writer.finish();
            done = true;
        } finally {
            if (!done && writer != null) {
                writer.abort();
            }
        }
        List<BatchSpan> spans = new ArrayList<>();
        int first = 0;
        int nextLine = 2;
        for (Batch batch : batches) {
            int rows = (int) batch.rows();
            spans.add(new BatchSpan(
                    batch.file().path().toString(),
                    batch.sha256(),
                    batch.file().modified().toString(),
                    rows,
                    first,
                    nextLine,
                    rows));
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
                split == null ? null : mask.build(),
                "recoded");
    }

    private static boolean allFinite(double[] values, int rows) {
        boolean finite = true;
        for (int i = 0; i < rows; i++) {
            finite &= Double.isFinite(values[i]);
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
