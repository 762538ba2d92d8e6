package dev.freshet.tasks.data.parquet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Encoded chunks' arrays go back to the writer once appended and hold the next groups' chunks. */
class ChunkBuffersTest {
    @TempDir
    Path dir;

    @Test
    void anArrayHandedBackHoldsTheNextChunkOfItsSizeClass() {
        ChunkBuffers buffers = new ChunkBuffers();
        byte[] first = buffers.take(40_000);
        assertThat(first).hasSize(65_536);
        buffers.give(first);
        assertThat(buffers.take(33_000)).isSameAs(first);
        assertThat(buffers.take(33_000)).isNotSameAs(first).hasSize(65_536);
        assertThat(buffers.take(10)).hasSize(1024);

        buffers.give(new byte[50_000]); // not one of its arrays: dropped
        assertThat(buffers.take(50_000)).hasSize(65_536);
    }

    @Test
    void itKeepsNoMoreThanItsLimitOfBytes() {
        ChunkBuffers buffers = new ChunkBuffers();
        int size = 1 << 20;
        int fit = (int) (ChunkBuffers.KEPT_BYTES / size);
        byte[][] taken = new byte[fit + 1][];
        for (int i = 0; i < taken.length; i++) {
            taken[i] = buffers.take(size);
        }
        for (byte[] buffer : taken) {
            buffers.give(buffer);
        }
        for (int i = 0; i < fit; i++) {
            assertThat(buffers.take(size)).isSameAs(taken[fit - 1 - i]);
        }
        byte[] fresh = buffers.take(size);
        assertThat(Arrays.stream(taken).noneMatch(buffer -> buffer == fresh)).isTrue();
    }

    @Test
    void theWriterReusesAnAppendedGroupsArraysAndRefusesToAppendItAgain() {
        List<ColumnPlan> plan = List.of(ColumnPlan.doubles("a"), ColumnPlan.int64("b"));
        try (SnapshotParquetWriter writer = SnapshotParquetWriter.create(dir.resolve("s.parquet"), plan, 3)) {
            double[] a = new double[2000];
            long[] b = new long[2000];
            for (int i = 0; i < a.length; i++) {
                a[i] = i * 0.5;
                b[i] = i;
            }
            EncodedRowGroup group = writer.encode(2000, new double[][] {a, null}, new long[][] {null, b});
            byte[] used = group.chunk(0).bytes();
            writer.append(group);
            assertThatThrownBy(() -> writer.append(group))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("appended already");

            EncodedRowGroup next = writer.encode(2000, new double[][] {a, null}, new long[][] {null, b});
            assertThat(List.of(next.chunk(0).bytes(), next.chunk(1).bytes()))
                    .anySatisfy(bytes -> assertThat(bytes).isSameAs(used));
            writer.append(next);
            writer.finish();
        }
    }
}
