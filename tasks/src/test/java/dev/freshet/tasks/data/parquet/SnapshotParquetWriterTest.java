package dev.freshet.tasks.data.parquet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The target's name holds the old file until the new one is finished, and never a half-written one. */
class SnapshotParquetWriterTest {

    private static final List<ColumnPlan> PLAN = List.of(ColumnPlan.doubles("x"), ColumnPlan.decimal64("y", 4));

    @TempDir
    Path dir;

    @Test
    void anAbortedWriterLeavesNoFileUnderTheTargetName() throws Exception {
        Path target = dir.resolve("snapshot.parquet");
        SnapshotParquetWriter writer = SnapshotParquetWriter.create(target, PLAN, 3);
        writer.append(group(writer, 10));
        assertThat(files()).hasSize(1).noneMatch(target::equals);

        writer.abort();

        assertThat(files()).isEmpty();
        assertThatThrownBy(() -> writer.append(group(writer, 1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(writer::finish).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aWriterClosedUnfinishedByAnExceptionLeavesTheOldFileAsItWas() throws Exception {
        Path target = Files.writeString(dir.resolve("snapshot.parquet"), "the previous snapshot");

        assertThatThrownBy(() -> {
                    try (SnapshotParquetWriter writer = SnapshotParquetWriter.create(target, PLAN, 3)) {
                        writer.append(group(writer, 10));
                        throw new IllegalStateException("the parse failed");
                    }
                })
                .hasMessage("the parse failed");

        assertThat(files()).containsExactly(target);
        assertThat(Files.readString(target)).isEqualTo("the previous snapshot");
    }

    @Test
    void finishingReplacesTheTargetWhole() throws Exception {
        Path target = Files.writeString(dir.resolve("snapshot.parquet"), "the previous snapshot");
        try (SnapshotParquetWriter writer = SnapshotParquetWriter.create(target, PLAN, 3)) {
            writer.append(group(writer, 10));
            writer.append(group(writer, 5));
            assertThat(Files.readString(target)).isEqualTo("the previous snapshot");

            writer.finish();
        }

        assertThat(files()).containsExactly(target);
        try (SnapshotParquetFile snapshot = SnapshotParquetFile.open(target).orElseThrow()) {
            assertThat(snapshot.rowCount()).isEqualTo(15);
            double[][] into = new double[2][5];
            snapshot.read(1, into);
            assertThat(into[0]).containsExactly(0.0, 1.5, 3.0, 4.5, 6.0);
            assertThat(into[1]).containsExactly(-1.0, -0.9999, -0.9998, -0.9997, -0.9996);
        }
    }

    @Test
    void aDecimalWithMoreDigitsThanItsColumnHoldsIsRefused() throws Exception {
        try (SnapshotParquetWriter writer =
                SnapshotParquetWriter.create(dir.resolve("s.parquet"), List.of(ColumnPlan.decimal32("p", 3)), 3)) {
            assertThatThrownBy(() -> writer.encode(2, new double[1][], new long[][] {{5, 1_000_000_000L}}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("column p, row 1: 1000000000");
        }
    }

    @Test
    void aSnapshotWithoutRowsIsParquetWithNoRowGroups() throws Exception {
        Path target = dir.resolve("empty.parquet");
        try (SnapshotParquetWriter writer = SnapshotParquetWriter.create(target, PLAN, 3)) {
            writer.finish();
        }

        try (SnapshotParquetFile snapshot = SnapshotParquetFile.open(target).orElseThrow()) {
            assertThat(snapshot.rowCount()).isZero();
            assertThat(snapshot.rowGroups()).isZero();
            assertThat(snapshot.columns()).containsExactly("x", "y");
        }
    }

    private static EncodedRowGroup group(SnapshotParquetWriter writer, int rows) {
        double[] x = new double[rows];
        long[] y = new long[rows];
        for (int i = 0; i < rows; i++) {
            x[i] = i * 1.5;
            y[i] = -10_000 + i;
        }
        return writer.encode(rows, new double[][] {x, null}, new long[][] {null, y});
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
