package dev.freshet.tasks.data;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.tasks.data.parquet.ColumnPlan;
import dev.freshet.tasks.data.parquet.SnapshotParquetFile;
import dev.freshet.tasks.data.parquet.SnapshotParquetWriter;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The snapshot's row groups, decoded on two threads, come back whole and in order, and a bad one fails in its turn. */
class DecodedRowGroupsTest {
    private static final List<ColumnPlan> PLAN = List.of(ColumnPlan.doubles("a"), ColumnPlan.decimal32("b", 2));
    private static final int[] GROUP_ROWS = {250, 3, 100, 1, 999, 40, 77};
    private static final int SLICE_ROWS = 100;

    @TempDir
    Path dir;

    /** Rows numbered from 0 across the groups: a = row / 4, b = row - 500 hundredths. */
    private Path written(String name) {
        Path file = dir.resolve(name);
        try (SnapshotParquetWriter writer = SnapshotParquetWriter.create(file, PLAN, 3)) {
            int row = 0;
            for (int rows : GROUP_ROWS) {
                double[] a = new double[rows];
                long[] b = new long[rows];
                for (int i = 0; i < rows; i++, row++) {
                    a[i] = row / 4.0;
                    b[i] = row - 500;
                }
                writer.append(writer.encode(rows, new double[][] {a, null}, new long[][] {null, b}));
            }
            writer.finish();
        }
        return file;
    }

    private static List<Double> readA(DecodedRowGroups groups, List<Integer> sliceSizes) {
        List<Double> values = new ArrayList<>();
        for (DecodedRowGroups.Slice slice = groups.next(); slice != null; slice = groups.next()) {
            sliceSizes.add(slice.rows);
            for (int i = 0; i < slice.rows; i++) {
                values.add(slice.values[0][i]);
                assertThat(slice.values[1][i]).isEqualTo((values.size() - 1 - 500) / 100.0);
            }
        }
        return values;
    }

    @Test
    void everyRowComesBackOnceInOrderWithSlicesThatNeverSpanTwoRowGroups() {
        Path file = written("groups.parquet");
        try (DecodedRowGroups groups =
                new DecodedRowGroups(SnapshotParquetFile.open(file).orElseThrow(), SLICE_ROWS)) {
            assertThat(groups.decoders())
                    .isEqualTo(Math.min(2, Runtime.getRuntime().availableProcessors()));
            List<Integer> sliceSizes = new ArrayList<>();
            List<Double> a = readA(groups, sliceSizes);

            int total = Arrays.stream(GROUP_ROWS).sum();
            assertThat(a).hasSize(total);
            for (int row = 0; row < total; row++) {
                assertThat(a.get(row)).isEqualTo(row / 4.0);
            }
            assertThat(sliceSizes)
                    .containsExactly(100, 100, 50, 3, 100, 1, 100, 100, 100, 100, 100, 100, 100, 100, 100, 99, 40, 77);
            assertThat(groups.next()).isNull();
        }
    }

    @Test
    void aReaderOfTheProjectsOwnLayoutSaysItsValuesAreAlwaysFiniteAndTheSplitWalkSkipsLookingForMissingOnes() {
        Path file = written("own.parquet");
        int total = Arrays.stream(GROUP_ROWS).sum();
        try (SnapshotReader reader = SnapshotReader.open(file)) {
            assertThat(reader.alwaysFinite()).isTrue();
            List<Integer> kept = new ArrayList<>();
            int dropped = SnapshotRows.forEachChunk(
                    reader, null, SnapshotRows.Side.ALL, Progress.silent(), (values, chunkRows, rows, count) -> {
                        for (int k = 0; k < count; k++) {
                            assertThat(values[0][rows[k]]).isEqualTo(kept.size() / 4.0);
                            kept.add(rows[k]);
                        }
                    });
            assertThat(dropped).isZero();
            assertThat(kept).hasSize(total);
        }
    }

    @Test
    void aCorruptRowGroupFailsAfterTheRowGroupsBeforeItNamingTheFile() throws Exception {
        Path file = written("corrupt.parquet");
        ColumnMetaData b =
                footer(file).getRow_groups().get(4).getColumns().get(1).getMeta_data();
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) (b.getData_page_offset() + b.getTotal_compressed_size() - 3)] ^= 0x5a;
        Files.write(file, bytes);

        try (DecodedRowGroups groups =
                new DecodedRowGroups(SnapshotParquetFile.open(file).orElseThrow(), SLICE_ROWS)) {
            int before = GROUP_ROWS[0] + GROUP_ROWS[1] + GROUP_ROWS[2] + GROUP_ROWS[3];
            int read = 0;
            while (read < before) {
                DecodedRowGroups.Slice slice = groups.next();
                assertThat(slice).isNotNull();
                assertThat(slice.values[0][0]).isEqualTo(read / 4.0);
                read += slice.rows;
            }
            assertThat(read).isEqualTo(before);
            assertThatThrownBy(groups::next)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("row group 4");
            assertThat(groups.next()).isNull();
        }
    }

    private static FileMetaData footer(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        int length = ByteBuffer.wrap(bytes, bytes.length - 8, 4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .getInt();
        return Util.readFileMetaData(new ByteArrayInputStream(bytes, bytes.length - 8 - length, length));
    }
}
