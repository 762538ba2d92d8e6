package dev.freshet.tasks.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A data-set snapshot as validation sees it: the problems ingest found ({@link DatasetScan}) and the values,
 * streamed from the Parquet file a chunk at a time when the profile is taken. Without a scan (an older run's
 * snapshot used as a drift reference) the rows map to themselves.
 */
public final class SnapshotData implements ValidationData {

    private final Path file;
    private final CsvScan scan;
    private final LineMap lines;
    private final Progress progress;

    public SnapshotData(Path file, DatasetScan scan, Progress progress) {
        this.file = file;
        this.scan = scan.scan();
        this.lines = scan.lines();
        this.progress = progress;
    }

    /** A snapshot read without its scan: every row present, at line row + 2. */
    public static SnapshotData withoutScan(Path file) {
        try (SnapshotReader reader = SnapshotReader.open(file, 1)) {
            List<String> columns = reader.columns();
            int rows = (int) reader.rowCount();
            LineMap.Builder lines = new LineMap.Builder();
            lines.rows(2, 0, rows);
            Map<String, CellCounts> counts = new HashMap<>();
            CsvScan scan = new CsvScan(file.toString(), columns, rows, List.of(), counts, 0, true);
            return new SnapshotData(file, new DatasetScan(scan, lines.build()), Progress.silent());
        }
    }

    private boolean everyCellFinite(List<String> columns) {
        return scan.complete()
                && scan.issues().isEmpty()
                && scan.raggedRowCount() == 0
                && scan.cellCounts().keySet().containsAll(columns)
                && scan.cellCounts().values().stream().allMatch(c -> c.invalid() == 0);
    }

    @Override
    public CsvScan scan() {
        return scan;
    }

    @Override
    public int rowAtLine(int line) {
        return lines.unionRowAtLine(line);
    }

    /**
     * Where duplicate detection spills rows beyond its table: beside the snapshot, on the disk that holds the data,
     * rather than in the system's temporary folder, which is often memory.
     */
    private Path spillFolder() {
        Path parent = file.toAbsolutePath().getParent();
        return parent != null && Files.isDirectory(parent) && Files.isWritable(parent) ? parent : null;
    }

    @Override
    public DataProfile profile(Schema schema, int sampleSize) {
        List<String> columns = scan.columns();
        try (SnapshotReader reader = SnapshotReader.open(file);
                DataProfile.Builder builder = new DataProfile.Builder(
                        columns,
                        schema,
                        sampleSize,
                        presentCounts(columns, reader.rowCount(), reader.alwaysFinite()),
                        DataValidator.EXAMPLES,
                        RowRepeats.DEFAULT_MAX_SLOTS,
                        spillFolder())) {
            DataProfile.RowNamer namer = new DataProfile.RowNamer() {
                @Override
                public int line(int handle) {
                    return lines.line(handle);
                }

                @Override
                public int row(int handle) {
                    return lines.unionRow(handle);
                }
            };
            if (reader.alwaysFinite()) {
                builder.everyValueFinite();
            }
            int[] handles = new int[SnapshotReader.CHUNK_ROWS];
            while (reader.next()) {
                for (int i = 0; i < reader.chunkRows(); i++) {
                    handles[i] = (int) reader.firstRow() + i;
                }
                builder.add(reader.values(), reader.chunkRows(), handles, namer);
                progress.atRows(reader.rowsRead());
            }
            return builder.build();
        }
    }

    /**
     * Per column, how many finite values the snapshot has. When ingest found every cell of every row a finite
     * number (the parallel reader's snapshots are checked for that as they are written), or the file is in the
     * project's own layout, which holds nothing else ({@code alwaysFinite}: an older run's snapshot read as a drift
     * reference has no scan to say so), that is the row count for each, without a pass over the file through DuckDB
     * (a good share of validation's time; see docs/retraining.md).
     */
    long[] presentCounts(List<String> columns, long rows, boolean alwaysFinite) {
        if (alwaysFinite || everyCellFinite(columns)) {
            long[] present = new long[columns.size()];
            Arrays.fill(present, rows);
            return present;
        }
        String counts =
                DuckDb.columnList(columns, c -> "count(*) FILTER (WHERE isfinite(" + DuckDb.identifier(c) + "))");
        try (DuckDb db = DuckDb.open()) {
            return db.queryOne(
                    "SELECT " + counts + " FROM read_parquet(" + DuckDb.literal(file.toString()) + ")", r -> {
                        long[] present = new long[columns.size()];
                        for (int j = 0; j < present.length; j++) {
                            present[j] = r.getLong(j + 1);
                        }
                        return present;
                    });
        } catch (SQLException e) {
            throw DuckDb.inputError(file + ": cannot read the data set", e);
        }
    }
}
