package dev.freshet.tasks.data;

import dev.freshet.tasks.data.parquet.SnapshotParquetFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flat Parquet files of DOUBLE and BIGINT columns that DuckDB writes are read by the project's reader, every value
 * and every null as DuckDB reads them, in slices that do not grow with the row groups; other files by DuckDB.
 */
class FlatParquetReadTest {

    private static final int ROWS = 20_000;

    /** Nulls, NaN, infinities and -0.0; low-cardinality columns DuckDB dictionary-encodes; a column all null. */
    private static final String DATA = "SELECT CASE WHEN i % 7 = 0 THEN NULL WHEN i % 11 = 0 THEN 'nan'::DOUBLE "
            + "WHEN i % 13 = 0 THEN 'inf'::DOUBLE WHEN i % 17 = 0 THEN '-inf'::DOUBLE WHEN i % 19 = 0 THEN -0.0::DOUBLE "
            + "ELSE i * 0.37 - 100 END AS a, (i % 5)::BIGINT AS b, ((i % 3) * 1.5)::DOUBLE AS c, "
            + "CASE WHEN i % 5 = 0 THEN NULL ELSE i * 1000003 - 9007199254740993 END::BIGINT AS d, "
            + "(hash(i) % 1000000)::DOUBLE / 7 AS e, (i * 7919)::BIGINT AS f, NULL::DOUBLE AS g "
            + "FROM range(" + ROWS + ") t(i)";

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "zstd, 0, V1",
        "gzip, 0, V1",
        "uncompressed, 0, V1",
        "snappy, 0, V1",
        "snappy, 3000, V2",
        "zstd, 3000, V1",
        "gzip, 3000, V2",
        "zstd, 0, V2",
        "uncompressed, 4096, V2"
    })
    void everyValueAndNullReadsAsDuckDbReadsIt(String codec, int rowGroupSize, String version) throws Exception {
        // pages v2 of DuckDB encode DOUBLE BYTE_STREAM_SPLIT, and INT64 that is not a dictionary DELTA_BINARY_PACKED
        Path file = write("data.parquet", DATA, codec, rowGroupSize, version);
        try (DuckDb db = DuckDb.open()) {
            long dictionaryChunks = db.queryOne(
                    "SELECT count(*) FROM parquet_metadata(" + DuckDb.literal(file.toString())
                            + ") WHERE encodings LIKE '%DICTIONARY%'",
                    r -> r.getLong(1));
            assertThat(dictionaryChunks).as("dictionary-encoded chunks").isPositive();
        }
        List<double[]> expected = duckDb(file, false);
        List<double[]> expectedRaw = duckDb(file, true);
        for (int chunk : new int[] {1, 7, SnapshotReader.CHUNK_ROWS}) {
            assertSameBits(read(file, chunk, false, DecodedRowGroups.SLICE_ROWS), expected, "chunk " + chunk);
        }
        assertSameBits(read(file, SnapshotReader.CHUNK_ROWS, true, DecodedRowGroups.SLICE_ROWS), expectedRaw, "raw");
        assertSameBits(read(file, 1000, true, 333), expectedRaw, "raw, slices of 333");
    }

    @Test
    void aRowGroupLargerThanASliceIsReadInBuffersOfTheSlice() throws Exception {
        Path file = write("large.parquet", DATA.replace("range(" + ROWS + ")", "range(100000)"), "zstd", 100_000, "V1");
        try (SnapshotParquetFile flat = SnapshotParquetFile.open(file).orElseThrow()) {
            assertThat(flat.rowGroups()).isEqualTo(1);
        }
        long rows = 0;
        try (DecodedRowGroups groups =
                new DecodedRowGroups(SnapshotParquetFile.open(file).orElseThrow(), 1000)) {
            for (DecodedRowGroups.Slice slice = groups.next(); slice != null; slice = groups.next()) {
                assertThat(slice.rows).isBetween(1, 1000);
                for (int j = 0; j < 7; j++) {
                    assertThat(slice.values[j]).hasSize(1000);
                    assertThat(slice.nulls[j]).hasSize(1000);
                }
                rows += slice.rows;
            }
        }
        assertThat(rows).isEqualTo(100_000);
        assertSameBits(read(file, 777, true, 1000), duckDb(file, true), "slices of 1000");
    }

    @Test
    void aFewWideIntegersInDeltaPagesPaddedToAWholeBlockAreRead() throws Exception {
        // DuckDB pads a DELTA_BINARY_PACKED page's last block of 2,048 values: 11 values of 62 bits take about 16 KB
        Path file = write(
                "delta.parquet",
                "SELECT (hash(i) >> 2)::BIGINT * (CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END) AS b FROM range(11) t(i)",
                "uncompressed",
                0,
                "V2");

        assertSameBits(
                read(file, SnapshotReader.CHUNK_ROWS, true, DecodedRowGroups.SLICE_ROWS),
                duckDb(file, true),
                "a short delta page");
    }

    @Test
    void aFileWithAColumnOfAnotherTypeIsReadByDuckDb() throws Exception {
        for (String column : List.of("i::VARCHAR", "(i / 4)::DECIMAL(9,2)", "i::INTEGER", "i::FLOAT")) {
            Path file = write(
                    "other.parquet", "SELECT i * 0.5 AS a, " + column + " AS b FROM range(100) t(i)", "zstd", 0, "V1");
            assertThat(SnapshotParquetFile.open(file)).as(column).isEmpty();
            try (SnapshotReader reader = SnapshotReader.open(file)) {
                assertThat(reader.decodedRowGroups()).isNull();
                assertThat(reader.rowCount()).isEqualTo(100);
            }
        }
    }

    private Path write(String name, String select, String codec, int rowGroupSize, String version) throws Exception {
        Path file = dir.resolve(name);
        try (DuckDb db = DuckDb.open()) {
            db.execute("COPY (" + select + ") TO " + DuckDb.literal(file.toString()) + " (FORMAT parquet, COMPRESSION "
                    + codec + (rowGroupSize > 0 ? ", ROW_GROUP_SIZE " + rowGroupSize : "") + ", PARQUET_VERSION "
                    + version + ")");
        }
        return file;
    }

    /** Rows as DuckDB reads them: a null as NaN, a value not finite as NaN unless raw; in raw rows, 1 marks a null. */
    private static List<double[]> duckDb(Path file, boolean raw) throws Exception {
        List<double[]> rows = new ArrayList<>();
        try (DuckDb db = DuckDb.open();
                Statement statement = db.connection().createStatement();
                ResultSet result =
                        statement.executeQuery("SELECT * FROM read_parquet(" + DuckDb.literal(file.toString()) + ")")) {
            int width = result.getMetaData().getColumnCount();
            while (result.next()) {
                double[] row = new double[width * 2];
                for (int j = 0; j < width; j++) {
                    double value = result.getDouble(j + 1);
                    boolean isNull = result.wasNull();
                    row[j] = isNull || !raw && !Double.isFinite(value) ? Double.NaN : value;
                    row[width + j] = raw && isNull ? 1 : 0;
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<double[]> read(Path file, int chunk, boolean raw, int sliceRows) {
        List<double[]> rows = new ArrayList<>();
        try (SnapshotReader reader = SnapshotReader.open(file, chunk, raw, sliceRows)) {
            assertThat(reader.decodedRowGroups()).as("the project's reader").isNotNull();
            int width = reader.columns().size();
            while (reader.next()) {
                assertThat(reader.firstRow()).isEqualTo(rows.size());
                assertThat(reader.chunkRows()).isLessThanOrEqualTo(chunk);
                for (int i = 0; i < reader.chunkRows(); i++) {
                    double[] row = new double[width * 2];
                    for (int j = 0; j < width; j++) {
                        row[j] = reader.values()[j][i];
                        row[width + j] = raw && reader.wasNull(j, i) ? 1 : 0;
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static void assertSameBits(List<double[]> actual, List<double[]> expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            long[] a = bits(actual.get(i));
            long[] e = bits(expected.get(i));
            assertThat(a).as("%s, row %d", what, i).containsExactly(e);
        }
    }

    private static long[] bits(double[] row) {
        long[] bits = new long[row.length];
        for (int j = 0; j < row.length; j++) {
            bits[j] = Double.doubleToLongBits(row[j]);
        }
        return bits;
    }
}
