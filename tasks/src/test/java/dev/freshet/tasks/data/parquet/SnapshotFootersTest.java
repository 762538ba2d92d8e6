package dev.freshet.tasks.data.parquet;

import dev.freshet.engine.error.InvalidInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A snapshot's footer is decoded once per process, and only ever taken for the very file it came from. */
class SnapshotFootersTest {

    private static final List<ColumnPlan> PLAN = List.of(ColumnPlan.doubles("a"), ColumnPlan.decimal32("b", 2));

    @TempDir
    Path dir;

    @BeforeEach
    void forget() {
        SnapshotFooters.clear();
    }

    @Test
    void aSnapshotJustWrittenOpensWithTheFooterItsWriterKept() throws Exception {
        Path file = write(dir.resolve("data.parquet"), 30, 12);
        FileTime modified = Files.getLastModifiedTime(file);
        scrambleFooterInPlace(file);
        Files.setLastModifiedTime(file, modified); // to the file system, the same file as written

        try (SnapshotParquetFile open = SnapshotParquetFile.open(file).orElseThrow()) {
            assertThat(open.rowCount()).isEqualTo(42);
            assertThat(open.rowGroups()).isEqualTo(2);
            assertThat(open.plan()).isEqualTo(PLAN);
        }
        SnapshotFooters.clear();
        assertThatThrownBy(() -> SnapshotParquetFile.open(file)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aFileReplacedUnderTheSameNameIsReadAnew() throws Exception {
        Path file = write(dir.resolve("data.parquet"), 30, 12);
        try (SnapshotParquetFile first = SnapshotParquetFile.open(file).orElseThrow()) {
            assertThat(first.rowCount()).isEqualTo(42);
        }

        Path other = write(dir.resolve("other.parquet"), 5, 6, 7);
        Files.move(other, file, StandardCopyOption.REPLACE_EXISTING);

        try (SnapshotParquetFile second = SnapshotParquetFile.open(file).orElseThrow()) {
            assertThat(second.rowCount()).isEqualTo(18);
            assertThat(second.rowGroups()).isEqualTo(3);
            double[][] values = new double[2][7];
            second.read(2, values);
            assertThat(values[1]).startsWith(0.0, 1.01, 2.02);
        }
    }

    @Test
    void aFooterReadOnceIsKeptAndAFileChangedSinceIsReadAnew() throws Exception {
        Path file = write(dir.resolve("data.parquet"), 30, 12);
        SnapshotFooters.clear(); // as for a snapshot another process wrote
        try (SnapshotParquetFile open = SnapshotParquetFile.open(file).orElseThrow()) {
            assertThat(open.rowCount()).isEqualTo(42);
        }
        assertThat(SnapshotFooters.of(file)).isPresent();

        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 20)); // truncated: another size

        assertThat(SnapshotFooters.of(file)).isEmpty();
        assertThatThrownBy(() -> SnapshotParquetFile.open(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(file.toString());
    }

    /** A snapshot of row groups of these sizes: a = i / 4, b = i * 1.01. */
    private static Path write(Path file, int... groups) {
        try (SnapshotParquetWriter writer = SnapshotParquetWriter.create(file, PLAN, 3)) {
            for (int rows : groups) {
                double[] a = new double[rows];
                long[] b = new long[rows];
                for (int i = 0; i < rows; i++) {
                    a[i] = i * 0.25;
                    b[i] = i * 101L;
                }
                writer.append(writer.encode(rows, new double[][] {a, null}, new long[][] {null, b}));
            }
            writer.finish();
        }
        return file;
    }

    /** Overwrites the footer's bytes with zeros, keeping the file's length. */
    private static void scrambleFooterInPlace(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        int length = java.nio.ByteBuffer.wrap(bytes, bytes.length - 8, 4)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .getInt();
        Arrays.fill(bytes, bytes.length - 8 - length, bytes.length - 8, (byte) 0);
        Files.write(file, bytes);
    }
}
