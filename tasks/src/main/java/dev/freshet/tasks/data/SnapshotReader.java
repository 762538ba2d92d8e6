package dev.freshet.tasks.data;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.tasks.data.parquet.SnapshotParquetFile;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a Parquet snapshot a chunk of rows at a time, column-major into a reused buffer, so that a pass over any
 * number of rows holds one chunk: {@code values()[column][i]} is row {@link #firstRow()} + i. A missing value, and
 * a value that is not a finite number, reads as NaN. The chunk is overwritten by the next call to {@link #next()}.
 *
 * <p>A snapshot in the project's own layout (what the parallel CSV ingest writes), and a common flat Parquet file of
 * DOUBLE and INT64 columns ({@link SnapshotParquetFile} says which it takes), is decoded by the project's reader, a
 * few slices of rows ahead on a thread of their own ({@link DecodedRowGroups}); any other Parquet file is read
 * through DuckDB.
 */
public final class SnapshotReader implements AutoCloseable {

    public static final int CHUNK_ROWS = 8192;

    /** About what one buffer of a wide data set takes: its rows shrink as its columns grow. */
    static final long BUFFER_BYTES = 16L << 20;

    /** Rows a buffer keeps however wide the data, so that a chunk's own overhead stays small beside its work. */
    static final int MIN_BUFFER_ROWS = 256;

    private final Path file;
    private final DuckDb db;
    private final Statement statement;
    private final ResultSet rows;
    private final List<String> columns;
    private final long rowCount;
    private final int chunkSize;
    private final double[][] values;
    private final boolean raw;
    private final boolean[][] nulls;
    private final DoubleVectors vectors;
    private final boolean[] vectorNulls;
    private final DecodedRowGroups groups;
    private DecodedRowGroups.Slice slice;
    private int sliceRow;
    private int vectorRow;
    private int chunkRows;
    private long firstRow;
    private long nextRow;

    private final boolean alwaysFinite;

    private SnapshotReader(
            Path file,
            DuckDb db,
            Statement statement,
            ResultSet rows,
            List<String> columns,
            long rowCount,
            int chunkSize,
            boolean raw)
            throws SQLException {
        this.file = file;
        this.db = db;
        this.statement = statement;
        this.rows = rows;
        this.columns = columns;
        this.rowCount = rowCount;
        this.chunkSize = chunkSize;
        this.values = new double[columns.size()][chunkSize];
        this.raw = raw;
        this.nulls = raw ? new boolean[columns.size()][chunkSize] : null;
        this.vectors = DoubleVectors.of(rows);
        this.vectorNulls = new boolean[chunkSize];
        this.groups = null;
        this.alwaysFinite = false;
    }

    private SnapshotReader(Path file, SnapshotParquetFile own, int chunkSize, boolean raw, int sliceRows) {
        this.file = file;
        this.db = null;
        this.statement = null;
        this.rows = null;
        this.columns = own.columns();
        this.rowCount = own.rowCount();
        this.chunkSize = chunkSize;
        this.values = new double[columns.size()][chunkSize];
        this.raw = raw;
        this.nulls = raw ? new boolean[columns.size()][chunkSize] : null;
        this.vectors = null;
        this.vectorNulls = null;
        this.groups = new DecodedRowGroups(own, sliceRows);
        this.alwaysFinite = own.own();
    }

    /**
     * Whether every value this reader gives is a finite number, never NaN: a snapshot in the project's own layout,
     * whose writer takes nothing else. A caller may then skip looking for missing values.
     */
    public boolean alwaysFinite() {
        return alwaysFinite;
    }

    public static SnapshotReader open(Path file) {
        return open(file, CHUNK_ROWS);
    }

    /** A reader that keeps values that are not finite as they are and tells nulls apart ({@link #wasNull}). */
    static SnapshotReader openRaw(Path file) {
        return open(file, CHUNK_ROWS, true);
    }

    /** {@link #openRaw(Path)} with chunks of at most {@code chunkSize} rows (fewer when the data is wide or short). */
    static SnapshotReader openRaw(Path file, int chunkSize) {
        return open(file, chunkSize, true);
    }

    public static SnapshotReader open(Path file, int chunkSize) {
        return open(file, chunkSize, false);
    }

    private static SnapshotReader open(Path file, int chunkSize, boolean raw) {
        return open(file, chunkSize, raw, DecodedRowGroups.SLICE_ROWS);
    }

    /** A reader whose project reader decodes at most {@code sliceRows} rows ahead at a time (tests). */
    static SnapshotReader open(Path file, int chunkSize, boolean raw, int sliceRows) {
        Optional<SnapshotParquetFile> own = SnapshotParquetFile.open(file);
        if (own.isPresent()) {
            SnapshotParquetFile parquet = own.get();
            long rows = parquet.rowCount();
            int width = parquet.columns().size();
            return new SnapshotReader(
                    file, parquet, bufferRows(chunkSize, rows, width), raw, bufferRows(sliceRows, rows, width));
        }
        DuckDb db = DuckDb.open();
        try {
            String relation = "read_parquet(" + DuckDb.literal(file.toString()) + ")";
            List<String> columns = new ArrayList<>();
            db.describe(relation).forEach(c -> columns.add(c.name()));
            long count = db.queryOne("SELECT count(*) FROM " + relation, r -> r.getLong(1));
            Statement statement = db.connection().createStatement();
            ResultSet rows = statement.executeQuery("SELECT * FROM " + relation);
            int size = bufferRows(chunkSize, count, columns.size());
            return new SnapshotReader(file, db, statement, rows, List.copyOf(columns), count, size, raw);
        } catch (SQLException e) {
            db.close();
            throw DuckDb.inputError(file + ": cannot read the data set", e);
        }
    }

    /**
     * Rows of a buffer of {@code columns} doubles a row: at most {@code most} and the file's {@code rows}, and no
     * more than {@link #BUFFER_BYTES} hold unless that is under {@link #MIN_BUFFER_ROWS} rows.
     */
    static int bufferRows(int most, long rows, int columns) {
        long byBytes = Math.max(MIN_BUFFER_ROWS, BUFFER_BYTES / (8L * Math.max(1, columns)));
        return (int) Math.min(Math.min(most, Math.max(1, rows)), byBytes);
    }

    public List<String> columns() {
        return columns;
    }

    public int columnIndex(String column) {
        return columns.indexOf(column);
    }

    public long rowCount() {
        return rowCount;
    }

    public Path file() {
        return file;
    }

    /** Reads the next chunk; false at the end. */
    public boolean next() {
        firstRow = nextRow;
        chunkRows = 0;
        int size = chunkSize;
        try {
            if (groups != null) {
                readGroups(size);
            } else if (vectors != null) {
                readVectors(size);
            } else {
                readValues(size);
            }
        } catch (SQLException e) {
            throw DuckDb.inputError(file + ": cannot read the data set", e);
        }
        nextRow += chunkRows;
        return chunkRows > 0;
    }

    /**
     * Fills the chunk from the decoded slices. A file the project's writer wrote holds finite numbers and no nulls;
     * in another, a null is NaN already and a value that is not finite becomes NaN unless the reader is raw.
     */
    private void readGroups(int size) {
        int width = columns.size();
        while (chunkRows < size) {
            if (slice == null || sliceRow >= slice.rows) {
                slice = groups.next();
                if (slice == null) {
                    return;
                }
                sliceRow = 0;
            }
            int take = Math.min(size - chunkRows, slice.rows - sliceRow);
            for (int j = 0; j < width; j++) {
                double[] column = values[j];
                System.arraycopy(slice.values[j], sliceRow, column, chunkRows, take);
                if (raw) {
                    if (slice.nulls != null) {
                        System.arraycopy(slice.nulls[j], sliceRow, nulls[j], chunkRows, take);
                    } else {
                        Arrays.fill(nulls[j], chunkRows, chunkRows + take, false);
                    }
                } else if (slice.nulls != null) {
                    for (int i = chunkRows; i < chunkRows + take; i++) {
                        if (!Double.isFinite(column[i])) {
                            column[i] = Double.NaN;
                        }
                    }
                }
            }
            sliceRow += take;
            chunkRows += take;
        }
    }

    /** The project reader's slices, or null when DuckDB reads the file (tests). */
    DecodedRowGroups decodedRowGroups() {
        return groups;
    }

    /** Fills the chunk a DuckDB vector (or the part of one that fits) at a time. */
    private void readVectors(int size) throws SQLException {
        int width = columns.size();
        while (chunkRows < size) {
            if (vectorRow >= vectors.length()) {
                if (!vectors.next()) {
                    return;
                }
                vectorRow = 0;
            }
            int take = Math.min(size - chunkRows, vectors.length() - vectorRow);
            for (int j = 0; j < width; j++) {
                double[] column = values[j];
                boolean[] missing = raw ? nulls[j] : vectorNulls;
                int offset = raw ? chunkRows : 0;
                vectors.copy(j, vectorRow, take, column, chunkRows, missing, offset);
                for (int i = 0; i < take; i++) {
                    double value = column[chunkRows + i];
                    if (missing[offset + i] || !raw && !Double.isFinite(value)) {
                        column[chunkRows + i] = Double.NaN;
                    }
                }
            }
            vectorRow += take;
            chunkRows += take;
        }
    }

    private void readValues(int size) throws SQLException {
        int width = columns.size();
        while (chunkRows < size && rows.next()) {
            for (int j = 0; j < width; j++) {
                double value = rows.getDouble(j + 1);
                boolean isNull = rows.wasNull();
                if (raw) {
                    nulls[j][chunkRows] = isNull;
                    values[j][chunkRows] = isNull ? Double.NaN : value;
                } else {
                    values[j][chunkRows] = isNull || !Double.isFinite(value) ? Double.NaN : value;
                }
            }
            chunkRows++;
        }
    }

    /** The current chunk, column-major; only its first {@link #chunkRows()} rows are the chunk's. */
    public double[][] values() {
        return values;
    }

    /** In a raw reader, whether any of the chunk's first {@code rows} rows had no value in column {@code column}. */
    boolean anyNull(int column, int rows) {
        boolean[] missing = nulls[column];
        boolean any = false;
        for (int i = 0; i < rows; i++) {
            any |= missing[i];
        }
        return any;
    }

    /** In a raw reader, whether row {@code i} of the chunk had no value in column {@code column}. */
    boolean wasNull(int column, int i) {
        return nulls[column][i];
    }

    public int chunkRows() {
        return chunkRows;
    }

    /** The most rows a chunk holds. */
    int chunkSize() {
        return chunkSize;
    }

    /** Whether the reader takes whole DuckDB vectors ({@link DoubleVectors}) rather than value by value. */
    boolean readsVectors() {
        return vectors != null;
    }

    /** The snapshot row index of the chunk's first row. */
    public long firstRow() {
        return firstRow;
    }

    /** Rows read so far. */
    public long rowsRead() {
        return nextRow;
    }

    @Override
    public void close() {
        if (groups != null) {
            groups.close();
            return;
        }
        try {
            rows.close();
            statement.close();
        } catch (SQLException e) {
            // nothing to save
        } finally {
            db.close();
        }
    }

    /** Whether a file is a Parquet file by its name. */
    public static boolean isParquet(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet");
    }

    static InvalidInputException notParquet(Path file, SQLException e) {
        return DuckDb.inputError("cannot ingest " + file + ": not a readable Parquet file", e);
    }

    /**
     * The project's reader's failure on {@code copy}, a byte-for-byte copy of batch {@code file}, told of the batch:
     * "cannot ingest FILE: not a readable Parquet file: column C, row group G: …".
     */
    static InvalidInputException notParquet(Path file, Path copy, InvalidInputException e) {
        String message = e.getMessage();
        String prefix = copy + ": ";
        String why = message != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        return new InvalidInputException("cannot ingest " + file + ": not a readable Parquet file: " + why, e);
    }
}
