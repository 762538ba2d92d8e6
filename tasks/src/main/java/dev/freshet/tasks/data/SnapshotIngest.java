package dev.freshet.tasks.data;

import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.tracking.Sha256;
import dev.freshet.tasks.data.parquet.BatchFooterCheck;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBPreparedStatement;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Reads the batches once and writes the run's data-set snapshot: one Parquet file (zstd), every column a double, a
 * missing or unreadable cell NULL, the rows in batch order. Beside it, the {@link DatasetScan} (problems found and
 * where each row came from) and, with a split, the {@link HoldoutMask}.
 *
 * <p>CSV batches take the fast path when a byte pass ({@link CsvPrescan}) finds them regular: DuckDB parses them in
 * parallel straight into the Parquet file; unless every field was a plain number, a check that every value came out a
 * finite number confirms it.
 * Anything else — a cell that is not a number, a missing value, a ragged row, quotes, blank lines — is read by the
 * lenient {@link CsvTableReader} instead, which names every problem at its file and line as before. Parquet batches
 * are read by DuckDB; their columns must have the first batch's names and number types. A single Parquet batch whose
 * every column is DOUBLE or BIGINT (what the snapshot's readers take as they are) is copied as the snapshot instead
 * of being rewritten: the same values, nulls and rows, without the cost of DuckDB's Parquet write.
 *
 * <p>An empty, unreadable or malformed batch, one with a header but no rows, and one whose header differs from the
 * first batch's fail here, naming the file (and line). Values are not judged: that is validation's job.
 */
public final class SnapshotIngest {

    private static final CSVFormat HEADER_FORMAT =
            CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).get();

    private final Consumer<String> log;

    public SnapshotIngest(Consumer<String> log) {
        this.log = log;
    }

    /**
     * What ingest made: the manifest, the scan, the split (null without one), which reader parsed the data, and the
     * snapshot's sha256 when it was computed as the snapshot was written or copied (null: nobody read its bytes).
     */
    public record Result(
            DatasetManifest manifest, DatasetScan scan, HoldoutMask mask, String parser, String snapshotSha256) {

        public Result(DatasetManifest manifest, DatasetScan scan, HoldoutMask mask, String parser) {
            this(manifest, scan, mask, parser, null);
        }
    }

    public Result write(List<BatchFile> batches, HoldoutSplit split, Path snapshot) {
        if (batches.isEmpty()) {
            throw new InvalidInputException("no batches to ingest");
        }
        long parquet =
                batches.stream().filter(b -> SnapshotReader.isParquet(b.path())).count();
        if (parquet > 0 && parquet < batches.size()) {
            boolean firstIsParquet = SnapshotReader.isParquet(batches.get(0).path());
            Path odd = batches.stream()
                    .filter(b -> SnapshotReader.isParquet(b.path()) != firstIsParquet)
                    .findFirst()
                    .orElseThrow()
                    .path();
            throw new InvalidInputException(
                    "cannot ingest " + odd + ": batches of one data set must all be CSV or " + "all be Parquet");
        }
        long totalBytes = batches.stream().mapToLong(b -> size(b.path())).sum();
        if (parquet > 0) {
            // from each file's own footer, before any reader takes (and DuckDB renames) its rows and columns
            batches.forEach(b -> BatchFooterCheck.check(b.path()));
            Optional<Result> recoded = new ParquetRecode(log).write(batches, split, snapshot);
            if (recoded.isPresent()) {
                return recoded.get();
            }
        } else {
            List<String> columns = regularHeader(batches);
            Optional<Result> parallel = columns == null
                    ? Optional.empty()
                    : new ParallelCsvIngest(log).write(batches, columns, split, snapshot, totalBytes);
            if (parallel.isPresent()) {
                return parallel.get(); // without DuckDB, whose native library takes a few tenths of a second to load
            }
        }
        try (DuckDb db = DuckDb.open()) {
            return parquet > 0 ? parquet(db, batches, split, snapshot) : csv(db, batches, split, snapshot, totalBytes);
        }
    }

    // ---- CSV ----

    private Result csv(DuckDb db, List<BatchFile> batches, HoldoutSplit split, Path snapshot, long totalBytes) {
        // DuckDB parses the batches while the byte pass runs beside it: on a regular file (the usual case) neither
        // waits for the other; an irregular one cancels the parse and goes to the line-accurate reader.
        List<String> columns = regularHeader(batches);
        SpeculativeCopy copy = columns == null
                ? null
                : new SpeculativeCopy(
                        db, batches, columns, snapshot, new Progress(log, "ingest: parse and write", 0, totalBytes));
        Progress progress = new Progress(copy == null ? log : message -> {}, "ingest: read", 0, totalBytes);
        HoldoutMask.Builder mask = new HoldoutMask.Builder();
        List<CsvPrescan> prescans = new ArrayList<>();
        long bytes = 0;
        long rows = 0;
        boolean regular = true;
        try {
            for (BatchFile batch : batches) {
                CsvPrescan prescan = CsvPrescan.of(batch.path(), regular ? split : null, mask, progress, bytes, rows);
                prescans.add(prescan);
                bytes += prescan.bytes();
                rows += prescan.dataRows();
                regular &= prescan.regular() && prescan.dataRows() > 0;
            }
        } catch (RuntimeException e) {
            if (copy != null) {
                copy.cancel();
            }
            throw e;
        }
        if (copy != null && regular) {
            try {
                copy.await();
                return fastCsv(db, batches, prescans, columns, split == null ? null : mask.build(), snapshot);
            } catch (SQLException e) {
                log.accept("the parallel CSV reader declined the data (" + firstLine(e.getMessage())
                        + "); reading it with the line-accurate reader");
            }
        } else if (copy != null) {
            copy.cancel();
        }
        return lenientCsv(db, batches, prescans, split, snapshot, totalBytes);
    }

    /** DuckDB's parallel parse of the batches into the snapshot, on its own thread. */
    private final class SpeculativeCopy {
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private final DuckDBPreparedStatement[] statement = new DuckDBPreparedStatement[1];

        SpeculativeCopy(DuckDb db, List<BatchFile> batches, List<String> columns, Path snapshot, Progress progress) {
            String types = DuckDb.columnList(columns, c -> DuckDb.literal(c) + ": 'DOUBLE'");
            String read = "read_csv("
                    + DuckDb.list(batches.stream().map(BatchFile::path).toList())
                    + ", header = true, delim = ',', quote = '\"', escape = '\"', auto_detect = false, columns = {"
                    + types + "}, strict_mode = true, null_padding = false, ignore_errors = false)";
            Thread thread = new Thread(
                    () -> {
                        try {
                            copyToParquet(db, "SELECT * FROM " + read, snapshot, progress, statement);
                            done.complete(null);
                        } catch (Throwable e) {
                            done.completeExceptionally(e);
                        }
                    },
                    "ingest-parse");
            thread.setDaemon(true);
            thread.start();
        }

        void await() throws SQLException {
            try {
                done.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel();
                throw new SQLException("interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SQLException sql) {
                    throw sql;
                }
                throw new SQLException(String.valueOf(e.getCause()), e.getCause());
            }
        }

        /** Stops the parse (the snapshot it left is overwritten) and waits for its thread to let go of DuckDB. */
        void cancel() {
            synchronized (statement) {
                try {
                    if (statement[0] != null) {
                        statement[0].cancel();
                    }
                } catch (SQLException e) {
                    // it may have finished already
                }
            }
            try {
                done.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // a cancelled or failed parse: the line-accurate reader takes over
            }
        }
    }

    /**
     * The shared header of the batches, or null when one is unusable or differs from the first's (the lenient
     * reader then names why).
     */
    private static List<String> regularHeader(List<BatchFile> batches) {
        try {
            return sharedHeader(batches);
        } catch (InvalidInputException e) {
            return null;
        }
    }

    private static List<String> sharedHeader(List<BatchFile> batches) {
        List<String> first = null;
        Path firstFile = null;
        for (BatchFile batch : batches) {
            List<String> names = header(batch.path());
            if (names == null) {
                return null;
            }
            if (first == null) {
                first = names;
                firstFile = batch.path();
            } else {
                checkHeader(batch.path(), names, firstFile, first);
            }
        }
        return first;
    }

    private static List<String> header(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            if (line == null) {
                return null;
            }
            List<CSVRecord> records =
                    HEADER_FORMAT.parse(new StringReader(line)).getRecords();
            if (records.size() != 1) {
                return null;
            }
            List<String> names = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (String raw : records.get(0)) {
                String name = raw.strip();
                if (names.isEmpty() && name.startsWith("\uFEFF")) {
                    name = name.substring(1).strip();
                }
                if (name.isEmpty() || !seen.add(name)) {
                    return null;
                }
                names.add(name);
            }
            return names;
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }

    private Result fastCsv(
            DuckDb db,
            List<BatchFile> batches,
            List<CsvPrescan> prescans,
            List<String> columns,
            HoldoutMask mask,
            Path snapshot)
            throws SQLException {
        int expected = prescans.stream().mapToInt(CsvPrescan::dataRows).sum();
        String relation = "read_parquet(" + DuckDb.literal(snapshot.toString()) + ")";
        long[] check;
        if (prescans.stream().allMatch(CsvPrescan::plain)) {
            // every field a plain number: a value can only be finite, and the row count is in the file's metadata
            check = new long[] {db.queryOne("SELECT count(*) FROM " + relation, r -> r.getLong(1)), 0};
        } else {
            String allFinite = DuckDb.columnList(columns, c -> "isfinite(" + DuckDb.identifier(c) + ")")
                    .replace(", ", " AND ");
            check = db.queryOne(
                    "SELECT count(*), count(*) FILTER (WHERE NOT coalesce(" + allFinite + ", false)) FROM " + relation,
                    r -> new long[] {r.getLong(1), r.getLong(2)});
        }
        if (check[0] != expected || check[1] != 0) {
            throw new SQLException(check[1] + " row(s) with a missing or non-finite value");
        }
        List<BatchSpan> spans = new ArrayList<>();
        LineMap.Builder lines = new LineMap.Builder();
        int row = 0;
        int nextLine = 2;
        for (int b = 0; b < batches.size(); b++) {
            CsvPrescan prescan = prescans.get(b);
            int body = prescan.lines() - 1;
            spans.add(new BatchSpan(
                    batches.get(b).path().toString(),
                    prescan.sha256(),
                    batches.get(b).modified().toString(),
                    prescan.dataRows(),
                    row,
                    nextLine,
                    body));
            lines.rows(nextLine, row, prescan.dataRows());
            row += prescan.dataRows();
            nextLine += body;
        }
        CsvScan scan = new CsvScan(snapshot.toString(), columns, row, List.of(), zeroCounts(columns), 0, true);
        log.accept("parsed " + row + " rows in parallel (DuckDB) into " + snapshot.getFileName());
        return new Result(
                new DatasetManifest(columns, row, spans), new DatasetScan(scan, lines.build()), mask, "duckdb");
    }

    private Result lenientCsv(
            DuckDb db,
            List<BatchFile> batches,
            List<CsvPrescan> prescans,
            HoldoutSplit split,
            Path snapshot,
            long totalBytes) {
        CsvTableReader reader = new CsvTableReader();
        CsvTableReader.ScanListener union = new CsvTableReader.ScanListener(false);
        HoldoutMask.Builder mask = new HoldoutMask.Builder();
        LineMap.Builder lines = new LineMap.Builder();
        List<BatchSpan> spans = new ArrayList<>();
        Progress progress = new Progress(log, "ingest: read (line-accurate)", 0, totalBytes);
        List<String> columns = null;
        Path firstFile = null;
        DuckDBAppender[] appender = new DuckDBAppender[1];
        int[] unionRows = {0};
        int nextLine = 2;
        long bytesBefore = 0;
        try {
            for (int b = 0; b < batches.size(); b++) {
                Path file = batches.get(b).path();
                CsvTableReader.ScanListener local = new CsvTableReader.ScanListener(false);
                int lineShift = nextLine - 2;
                int firstRow = unionRows[0];
                List<String> expected = columns;
                long before = bytesBefore;
                long size = prescans.get(b).bytes();
                long bodyLines = Math.max(1, prescans.get(b).lines() - 1);
                List<String> names = reader.stream(file, new CsvTableReader.Listener() {
                    @Override
                    public void issue(CsvIssue issue) {
                        local.issue(issue);
                        if (issue.kind().isCellProblem() || issue.kind() == CsvIssue.Kind.RAGGED_ROW) {
                            union.issue(new CsvIssue(
                                    issue.kind(),
                                    issue.line() + lineShift,
                                    issue.column(),
                                    issue.value(),
                                    issue.problem()));
                        }
                    }

                    @Override
                    public void stopped() {
                        local.stopped();
                    }

                    @Override
                    public void countRow() {
                        local.countRow();
                        union.countRow();
                    }

                    @Override
                    public void row(double[] values, int line, boolean ragged, CSVRecord record) {
                        int unionRow = unionRows[0]++;
                        if (ragged || expected != null && values.length != expected.size()) {
                            return;
                        }
                        try {
                            if (appender[0] == null) {
                                appender[0] = createTable(db, values.length);
                            }
                            appender[0].beginRow();
                            for (double value : values) {
                                if (Double.isNaN(value)) {
                                    appender[0].appendNull();
                                } else {
                                    appender[0].append(value);
                                }
                            }
                            appender[0].endRow();
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                        lines.row(line + lineShift, unionRow);
                        if (split != null) {
                            mask.add(split.isHoldout(record));
                        }
                        progress.at(unionRow + 1, before + size * (unionRow - firstRow + 1) / bodyLines);
                    }
                });
                CsvScan scan = local.toScan(file, names);
                if (!scan.complete() || scan.columns().isEmpty()) {
                    CsvIssue issue = scan.firstStructuralIssue();
                    String why = issue != null ? issue.describe(file.toString()) : file + ":1: no header row";
                    throw new InvalidInputException("cannot ingest " + why);
                }
                if (scan.rowCount() == 0) {
                    throw new InvalidInputException("cannot ingest " + file + ":1: it has a header but no data rows");
                }
                if (columns == null) {
                    columns = scan.columns();
                    firstFile = file;
                } else {
                    checkHeader(file, scan.columns(), firstFile, columns);
                }
                int body = prescans.get(b).lines() - 1;
                spans.add(new BatchSpan(
                        file.toString(),
                        prescans.get(b).sha256(),
                        batches.get(b).modified().toString(),
                        scan.rowCount(),
                        firstRow,
                        nextLine,
                        body));
                nextLine += body;
                bytesBefore += size;
            }
            if (appender[0] == null) {
                appender[0] = createTable(db, columns.size());
            }
            appender[0].close();
            List<String> names = columns;
            String select = DuckDb.columnList(names, c -> "c" + names.indexOf(c) + " AS " + DuckDb.identifier(c));
            db.execute("COPY (SELECT " + select + " FROM snapshot) TO " + DuckDb.literal(snapshot.toString())
                    + " (FORMAT parquet, COMPRESSION zstd)");
        } catch (SQLException | IllegalStateException e) {
            throw new InvalidInputException(snapshot + ": cannot write the data-set snapshot: " + e.getMessage(), e);
        }
        int rows = unionRows[0];
        CsvScan scan = union.toScan(snapshot, columns);
        log.accept("read " + rows + " rows with the line-accurate reader into " + snapshot.getFileName());
        return new Result(
                new DatasetManifest(columns, rows, spans),
                new DatasetScan(scan, lines.build()),
                split == null ? null : mask.build(),
                "lenient");
    }

    private static DuckDBAppender createTable(DuckDb db, int width) throws SQLException {
        StringBuilder ddl = new StringBuilder("CREATE TABLE snapshot (");
        for (int j = 0; j < width; j++) {
            ddl.append(j == 0 ? "" : ", ").append("c").append(j).append(" DOUBLE");
        }
        db.execute(ddl.append(")").toString());
        return db.connection().createAppender("main", "snapshot");
    }

    // ---- Parquet ----

    private Result parquet(DuckDb db, List<BatchFile> batches, HoldoutSplit split, Path snapshot) {
        List<String> columns = null;
        Path firstFile = null;
        List<BatchSpan> spans = new ArrayList<>();
        int rows = 0;
        int nextLine = 2;
        boolean typesTaken = true;
        for (BatchFile batch : batches) {
            Path file = batch.path();
            String relation = "read_parquet(" + DuckDb.literal(file.toString()) + ")";
            List<DuckDb.Column> schema;
            long count;
            try {
                schema = db.describe(relation);
                count = db.queryOne("SELECT count(*) FROM " + relation, r -> r.getLong(1));
            } catch (SQLException e) {
                throw SnapshotReader.notParquet(file, e);
            }
            for (DuckDb.Column column : schema) {
                if (!column.numeric()) {
                    throw new InvalidInputException("cannot ingest " + file + ": column '" + column.name()
                            + "' is of type " + column.type() + "; every column must hold numbers");
                }
                typesTaken &= DoubleVectors.takes(column.type());
            }
            List<String> names = schema.stream().map(DuckDb.Column::name).toList();
            if (columns == null) {
                columns = names;
                firstFile = file;
            } else if (!names.equals(columns)) {
                throw new InvalidInputException(file + ": schema does not match the first batch's (" + firstFile + "): "
                        + differences(names, columns));
            }
            if (count == 0) {
                throw new InvalidInputException("cannot ingest " + file + ": it has no data rows");
            }
            if (rows + count > Integer.MAX_VALUE) {
                throw new InvalidInputException("cannot ingest " + file + ": with its " + count + " rows the batches"
                        + " hold more than the " + Integer.MAX_VALUE + " rows a data set takes");
            }
            spans.add(new BatchSpan(
                    file.toString(), Sha256.of(file), batch.modified().toString(), (int) count, rows, nextLine, (int)
                            count));
            rows += (int) count;
            nextLine += (int) count;
        }
        List<String> names = columns;
        boolean asIs = batches.size() == 1 && typesTaken;
        if (asIs) {
            // One batch whose every column the readers take as it is: the snapshot is the batch's own bytes (the
            // same values, nulls and row order a rewrite would give), copied instead of rewritten. The scan below
            // reads the copy, and the copy must be the bytes whose sha256 the lineage records: a batch rewritten
            // while it was read is refused, not half taken.
            copyUnchanged(batches.get(0).path(), spans.get(0).sha256(), snapshot);
        } else {
            String select = "SELECT "
                    + DuckDb.columnList(
                            names, c -> "CAST(" + DuckDb.identifier(c) + " AS DOUBLE) AS " + DuckDb.identifier(c))
                    + " FROM read_parquet("
                    + DuckDb.list(batches.stream().map(BatchFile::path).toList()) + ")";
            try {
                copyToParquet(db, select, snapshot, new Progress(log, "ingest: read Parquet", rows, 0));
            } catch (SQLException e) {
                throw DuckDb.inputError("cannot ingest " + batches.get(0).path() + " …", e);
            }
        }
        // The values have no text: one pass over the snapshot finds missing and non-finite values and the split.
        CsvTableReader.ScanListener scan = new CsvTableReader.ScanListener(false);
        HoldoutMask.Builder mask = new HoldoutMask.Builder();
        int[] all = IntStream.range(0, names.size()).toArray();
        double[] row = new double[names.size()];
        Progress progress = new Progress(asIs ? log : message -> {}, "ingest: scan Parquet", rows, 0);
        try (SnapshotReader reader = SnapshotReader.openRaw(snapshot)) {
            while (reader.next()) {
                double[][] values = reader.values();
                for (int i = 0; i < reader.chunkRows(); i++) {
                    int r = (int) reader.firstRow() + i;
                    scan.countRow();
                    for (int j = 0; j < row.length; j++) {
                        double value = values[j][i];
                        row[j] = Double.isFinite(value) ? value : Double.NaN;
                        if (!Double.isFinite(value)) {
                            scan.issue(parquetIssue(r + 2, names.get(j), value, reader.wasNull(j, i)));
                        }
                    }
                    if (split != null) {
                        mask.add(split.isHoldoutValues(row, all));
                    }
                }
                progress.atRows(reader.rowsRead());
            }
        } catch (InvalidInputException e) {
            if (asIs) {
                // the snapshot is the batch's bytes: its data pages are the batch's, and so is the fault
                throw e.getCause() instanceof SQLException unreadable
                        ? SnapshotReader.notParquet(batches.get(0).path(), unreadable)
                        : SnapshotReader.notParquet(batches.get(0).path(), snapshot, e);
            }
            throw e;
        }
        LineMap.Builder lines = new LineMap.Builder();
        lines.rows(2, 0, rows);
        log.accept(
                asIs
                        ? "took the Parquet batch as the snapshot as it is (" + rows + " rows, every column DOUBLE or "
                                + "BIGINT): copied to " + snapshot.getFileName() + ", not rewritten"
                        : "read " + rows + " rows of " + batches.size() + " Parquet batch(es) into "
                                + snapshot.getFileName());
        return new Result(
                new DatasetManifest(names, rows, spans),
                new DatasetScan(scan.toScan(snapshot, names), lines.build()),
                split == null ? null : mask.build(),
                asIs ? "as-is" : "duckdb",
                asIs ? spans.get(0).sha256() : null);
    }

    static void copyUnchanged(Path batch, String sha256, Path snapshot) {
        String copied;
        try {
            copied = Sha256.copy(batch, snapshot);
        } catch (FreshetException e) {
            throw new InvalidInputException(
                    snapshot + ": cannot copy " + batch + " as the data-set snapshot: " + e.getMessage(), e);
        }
        if (!copied.equals(sha256)) {
            throw new InvalidInputException("cannot ingest " + batch + ": it changed while it was read (its sha256 "
                    + "differs from the one taken first); ingest it again once it is complete");
        }
    }

    private static CsvIssue parquetIssue(int line, String column, double value, boolean isNull) {
        if (isNull) {
            return new CsvIssue(CsvIssue.Kind.MISSING, line, column, null, "missing value (null), expected a number");
        }
        if (Double.isNaN(value)) {
            return new CsvIssue(CsvIssue.Kind.MISSING, line, column, "NaN", "'NaN' is not a finite number");
        }
        return new CsvIssue(
                CsvIssue.Kind.NOT_FINITE,
                line,
                column,
                String.valueOf(value),
                "'" + value + "' is not a finite number");
    }

    // ---- shared ----

    private void copyToParquet(DuckDb db, String select, Path snapshot, Progress progress) throws SQLException {
        copyToParquet(db, select, snapshot, progress, new DuckDBPreparedStatement[1]);
    }

    /** Writes the rows of {@code select} to the snapshot; {@code running} holds the statement while it runs. */
    private void copyToParquet(
            DuckDb db, String select, Path snapshot, Progress progress, DuckDBPreparedStatement[] running)
            throws SQLException {
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ingest-progress");
            thread.setDaemon(true);
            return thread;
        });
        try (DuckDBPreparedStatement statement =
                db.connection().createStatement().unwrap(DuckDBPreparedStatement.class)) {
            synchronized (running) {
                running[0] = statement;
            }
            poller.scheduleAtFixedRate(
                    () -> {
                        try {
                            double percentage = statement.getQueryProgress().getPercentage();
                            if (percentage >= 0) {
                                progress.atShare(percentage / 100);
                            }
                        } catch (SQLException | RuntimeException e) {
                            // progress is best effort
                        }
                    },
                    1,
                    1,
                    TimeUnit.SECONDS);
            statement.execute("COPY (" + select + ") TO " + DuckDb.literal(snapshot.toString())
                    + " (FORMAT parquet, COMPRESSION zstd)");
        } finally {
            synchronized (running) {
                running[0] = null;
            }
            poller.shutdownNow();
        }
    }

    static Map<String, CellCounts> zeroCounts(List<String> columns) {
        Map<String, CellCounts> counts = new LinkedHashMap<>();
        columns.forEach(c -> counts.put(c, CellCounts.NONE));
        return counts;
    }

    private static void checkHeader(Path file, List<String> columns, Path firstFile, List<String> expected) {
        if (columns.equals(expected)) {
            return;
        }
        throw new InvalidInputException(file + ":1: header does not match the first batch's (" + firstFile + "): "
                + differences(columns, expected));
    }

    private static String differences(List<String> columns, List<String> expected) {
        Set<String> missing = new LinkedHashSet<>(expected);
        columns.forEach(missing::remove);
        Set<String> unexpected = new LinkedHashSet<>(columns);
        expected.forEach(unexpected::remove);
        List<String> differences = new ArrayList<>();
        if (!missing.isEmpty()) {
            differences.add("missing " + quoted(missing));
        }
        if (!unexpected.isEmpty()) {
            differences.add("unexpected " + quoted(unexpected));
        }
        if (differences.isEmpty()) {
            differences.add("the same columns in another order " + columns);
        }
        return String.join("; ", differences);
    }

    private static String quoted(Set<String> names) {
        return names.stream()
                .map(n -> "'" + n + "'")
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
