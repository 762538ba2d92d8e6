package dev.freshet.tasks.data;

import dev.freshet.tasks.data.parquet.ColumnPlan;
import dev.freshet.tasks.data.parquet.SnapshotParquetWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The reader's chunks and slices are sized by the bytes and rows there are, not by a fixed number of rows. */
class SnapshotReaderBufferTest {

    @TempDir
    Path dir;

    @Test
    void usualDataKeepsTheFixedSizesAndWideOrShortDataGetsFewerRows() {
        assertThat(SnapshotReader.bufferRows(SnapshotReader.CHUNK_ROWS, 1_000_000, 101))
                .isEqualTo(SnapshotReader.CHUNK_ROWS);
        assertThat(SnapshotReader.bufferRows(DecodedRowGroups.SLICE_ROWS, 1_000_000, 128))
                .isEqualTo(DecodedRowGroups.SLICE_ROWS);
        assertThat(SnapshotReader.bufferRows(DecodedRowGroups.SLICE_ROWS, 1_000_000, 5000))
                .isEqualTo(419);
        assertThat(SnapshotReader.bufferRows(DecodedRowGroups.SLICE_ROWS, 1_000_000, 100_000))
                .isEqualTo(SnapshotReader.MIN_BUFFER_ROWS);
        assertThat(SnapshotReader.bufferRows(DecodedRowGroups.SLICE_ROWS, 50, 5000))
                .isEqualTo(50);
        assertThat(SnapshotReader.bufferRows(7, 50, 5000)).isEqualTo(7);
        assertThat(SnapshotReader.bufferRows(SnapshotReader.CHUNK_ROWS, 0, 3)).isEqualTo(1);
    }

    @Test
    void narrowDataIsReadInChunksAndSlicesOfTheUsualRows() {
        Path file = written("narrow.parquet", 101, 20_000, 8_000);
        try (SnapshotReader reader = SnapshotReader.open(file)) {
            assertThat(reader.chunkSize()).isEqualTo(SnapshotReader.CHUNK_ROWS);
            assertThat(reader.decodedRowGroups().sliceRows()).isEqualTo(DecodedRowGroups.SLICE_ROWS);
            assertThat(readBack(reader, 101)).containsExactly(8192, 8192, 3616);
        }
    }

    @Test
    void aShortWideSnapshotAllocatesForItsRowsOnlyAndReadsBackEveryValue() {
        Path file = written("wide.parquet", 5000, 50, 50);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        try (SnapshotReader reader = SnapshotReader.open(file)) {
            while (reader.next()) {
                // allocation only
            }
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // a chunk of 8,192 rows alone would be 5,000 × 8,192 doubles, 328 MB; 50 rows are 2 MB
        assertThat(allocated).isLessThan(32L << 20);

        try (SnapshotReader reader = SnapshotReader.open(file)) {
            assertThat(reader.chunkSize()).isEqualTo(50);
            assertThat(reader.decodedRowGroups().sliceRows()).isEqualTo(50);
            assertThat(readBack(reader, 5000)).containsExactly(50);
        }
    }

    @Test
    void aLongWideSnapshotIsReadInChunksOfAboutTheByteBudgetWithEveryValueInPlace() {
        Path file = written("long-wide.parquet", 4000, 1200, 700);
        try (SnapshotReader reader = SnapshotReader.open(file)) {
            assertThat(reader.chunkSize()).isEqualTo(524);
            assertThat(reader.decodedRowGroups().sliceRows()).isEqualTo(524);
            assertThat(readBack(reader, 4000)).containsExactly(524, 524, 152);
        }
    }

    /** Column j of row i holds i * 8 + j / 4. */
    private static double value(int row, int column) {
        return row * 8.0 + column / 4.0;
    }

    private Path written(String name, int width, int rows, int groupRows) {
        Path file = dir.resolve(name);
        List<ColumnPlan> plan = new ArrayList<>();
        for (int j = 0; j < width; j++) {
            plan.add(ColumnPlan.doubles("c" + j));
        }
        try (SnapshotParquetWriter writer = SnapshotParquetWriter.create(file, plan, 1)) {
            for (int first = 0; first < rows; first += groupRows) {
                int n = Math.min(groupRows, rows - first);
                double[][] values = new double[width][n];
                for (int j = 0; j < width; j++) {
                    for (int i = 0; i < n; i++) {
                        values[j][i] = value(first + i, j);
                    }
                }
                writer.append(writer.encode(n, values, new long[width][]));
            }
            writer.finish();
        }
        return file;
    }

    /** Checks every value of every chunk; returns the chunks' rows. */
    private static List<Integer> readBack(SnapshotReader reader, int width) {
        List<Integer> chunks = new ArrayList<>();
        while (reader.next()) {
            int first = (int) reader.firstRow();
            double[][] values = reader.values();
            for (int j = 0; j < width; j++) {
                for (int i = 0; i < reader.chunkRows(); i++) {
                    if (values[j][i] != value(first + i, j)) {
                        assertThat(values[j][i])
                                .as("row %d, column %d", first + i, j)
                                .isEqualTo(value(first + i, j));
                    }
                }
            }
            chunks.add(reader.chunkRows());
        }
        return chunks;
    }
}
