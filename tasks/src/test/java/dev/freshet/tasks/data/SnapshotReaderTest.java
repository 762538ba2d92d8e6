package dev.freshet.tasks.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotReaderTest {

    @TempDir
    Path dir;

    /** 5,000 rows (more than two DuckDB vectors) with nulls, NaN and infinities at known places. */
    private static final String ROWS = "SELECT CASE WHEN i % 7 = 0 THEN NULL WHEN i % 11 = 0 THEN 'NaN'::DOUBLE "
            + "WHEN i % 13 = 0 THEN 'inf'::DOUBLE ELSE i * 0.5 END AS a, (i * 3 - 1)::DOUBLE AS b "
            + "FROM range(5000) t(i)";

    @Test
    void chunksOfAnySizeReadTheSameValuesAsTheRowsHoldWhetherDoublesOrOtherNumberTypes() throws Exception {
        // lz4: a codec the project's reader does not take, so DuckDB reads the file
        Path doubles = parquet("doubles.parquet", ROWS, ", COMPRESSION lz4");
        Path mixed = parquet("mixed.parquet", "SELECT a::FLOAT AS a, b::BIGINT AS b FROM (" + ROWS + ")");
        Path flat = parquet("flat.parquet", "SELECT a, b::BIGINT AS b FROM (" + ROWS + ")");
        try (SnapshotReader a = SnapshotReader.open(doubles);
                SnapshotReader b = SnapshotReader.open(mixed);
                SnapshotReader c = SnapshotReader.open(flat)) {
            assertThat(a.readsVectors()).isTrue();
            assertThat(b.readsVectors()).isFalse();
            assertThat(c.decodedRowGroups()).isNotNull();
            // none of them is the project's own layout, so each may hold missing values
            assertThat(List.of(a.alwaysFinite(), b.alwaysFinite(), c.alwaysFinite()))
                    .containsOnly(false);
        }
        for (Path file : List.of(doubles, mixed, flat)) {
            for (int chunk : new int[] {1, 1000, 2048, 3000, SnapshotReader.CHUNK_ROWS}) {
                List<double[]> rows = read(file, chunk);
                assertThat(rows).hasSize(5000);
                for (int i = 0; i < 5000; i++) {
                    double expectedA = i % 7 == 0 || i % 11 == 0 || i % 13 == 0 ? Double.NaN : i * 0.5;
                    assertThat(rows.get(i))
                            .as("%s, chunk %d, row %d", file.getFileName(), chunk, i)
                            .containsExactly(expectedA, i * 3 - 1);
                }
            }
        }
    }

    @Test
    void aRawReaderTellsNullsFromValuesThatAreNotFinite() throws Exception {
        Path file = parquet("raw.parquet", ROWS);
        try (SnapshotReader reader = SnapshotReader.openRaw(file)) {
            int seen = 0;
            while (reader.next()) {
                for (int k = 0; k < reader.chunkRows(); k++) {
                    int i = (int) reader.firstRow() + k;
                    double a = reader.values()[0][k];
                    assertThat(reader.wasNull(0, k)).isEqualTo(i % 7 == 0);
                    if (i % 7 != 0 && i % 11 == 0) {
                        assertThat(a).isNaN();
                    } else if (i % 7 != 0 && i % 13 == 0) {
                        assertThat(a).isEqualTo(Double.POSITIVE_INFINITY);
                    }
                    seen++;
                }
            }
            assertThat(seen).isEqualTo(5000);
        }
    }

    private static List<double[]> read(Path file, int chunk) {
        List<double[]> rows = new ArrayList<>();
        try (SnapshotReader reader = SnapshotReader.open(file, chunk)) {
            while (reader.next()) {
                assertThat(reader.firstRow()).isEqualTo(rows.size());
                for (int i = 0; i < reader.chunkRows(); i++) {
                    rows.add(new double[] {reader.values()[0][i], reader.values()[1][i]});
                }
            }
        }
        return rows;
    }

    private Path parquet(String name, String select) throws Exception {
        return parquet(name, select, "");
    }

    private Path parquet(String name, String select, String options) throws Exception {
        Path file = dir.resolve(name);
        try (DuckDb db = DuckDb.open()) {
            db.execute(
                    "COPY (" + select + ") TO " + DuckDb.literal(file.toString()) + " (FORMAT parquet" + options + ")");
        }
        return file;
    }
}
