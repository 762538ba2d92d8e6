package dev.freshet.tasks.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowRepeatsTest {

    @TempDir
    Path dir;

    /** A hash in the spill partition {@code partition} (its top bits). */
    private static long inPartition(int partition, long low) {
        return ((long) partition << (Long.SIZE - RowRepeats.PARTITION_BITS)) | low;
    }

    private RowRepeats.Result run(long[] hashes, int examples, int maxSlots) {
        int[] handles = IntStream.range(0, hashes.length).toArray();
        try (RowRepeats repeats = new RowRepeats(hashes.length, examples, maxSlots, dir)) {
            // in chunks, as the readers give them
            for (int from = 0; from < hashes.length; from += 1000) {
                int count = Math.min(1000, hashes.length - from);
                long[] h = new long[count];
                int[] k = new int[count];
                System.arraycopy(hashes, from, h, 0, count);
                System.arraycopy(handles, from, k, 0, count);
                repeats.add(h, k, count);
            }
            return repeats.finish();
        }
    }

    /** What a map from hash to first row, filled in row order, says (with 0 counted as 1). */
    private static RowRepeats.Result reference(long[] hashes, int examples) {
        Map<Long, Integer> first = new HashMap<>();
        List<RowRepeats.Repeat> found = new ArrayList<>();
        int count = 0;
        for (int i = 0; i < hashes.length; i++) {
            Integer earlier = first.putIfAbsent(hashes[i] == 0 ? 1 : hashes[i], i);
            if (earlier != null) {
                count++;
                if (found.size() < examples) {
                    found.add(new RowRepeats.Repeat(i, earlier));
                }
            }
        }
        return new RowRepeats.Result(count, found);
    }

    private List<Path> leftInDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    @Test
    void spilledRowsGiveTheAnswerOfOneTableAcrossPartitionsAndLeaveNoFiles() throws IOException {
        Random random = new Random(42);
        long[] hashes = new long[20_000];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = random.nextLong();
        }
        hashes[15_000] = hashes[0]; // the very first row
        hashes[700] = hashes[30]; // three times
        hashes[9_000] = hashes[30];
        for (int k = 0; k < 300; k++) {
            int later = 1 + random.nextInt(hashes.length - 1);
            hashes[later] = hashes[random.nextInt(later)];
        }

        RowRepeats.Result expected = reference(hashes, 1000);
        assertThat(expected.count()).isGreaterThan(250);
        // 64 slots spill after 48 distinct hashes and make the partitions split again; 1,024 slots do not
        for (int maxSlots : new int[] {64, 1024, 1 << 16}) {
            assertThat(run(hashes, 1000, maxSlots)).as("%d slots", maxSlots).isEqualTo(expected);
            assertThat(run(hashes, 5, maxSlots)).isEqualTo(reference(hashes, 5));
        }
        assertThat(expected.examples())
                .contains(new RowRepeats.Repeat(700, 30), new RowRepeats.Repeat(9_000, 30))
                .contains(new RowRepeats.Repeat(15_000, 0));
        assertThat(leftInDir()).isEmpty();
    }

    @Test
    void examplesAreTheEarliestRepeatsWhateverPartitionTheyFallIn() {
        long[] hashes = new long[2_000];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = inPartition(i % RowRepeats.PARTITIONS, i + 1);
        }
        hashes[1_900] = hashes[3]; // partition 3
        hashes[1_200] = hashes[62]; // partition 62
        hashes[1_500] = hashes[62];
        hashes[1_000] = hashes[0]; // partition 0, the first row

        RowRepeats.Result result = run(hashes, 3, 64);

        assertThat(result.count()).isEqualTo(4);
        assertThat(result.examples())
                .containsExactly(
                        new RowRepeats.Repeat(1_000, 0),
                        new RowRepeats.Repeat(1_200, 62),
                        new RowRepeats.Repeat(1_500, 62));
    }

    @Test
    void aHashOfZeroCountsAsOneSpilledOrNot() {
        long[] hashes = new long[500];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = inPartition(i % 7, 1000 + i);
        }
        hashes[10] = 1;
        hashes[400] = 0;

        for (int maxSlots : new int[] {64, 4096}) {
            assertThat(run(hashes, 5, maxSlots).examples()).containsExactly(new RowRepeats.Repeat(400, 10));
        }
    }

    @Test
    void noRepeatsSpilled() throws IOException {
        long[] hashes = new Random(7).longs(5_000).toArray();

        assertThat(run(hashes, 5, 64)).isEqualTo(new RowRepeats.Result(0, List.of()));
        assertThat(leftInDir()).isEmpty();
    }

    @Test
    void closingWithoutFinishingDeletesTheSpilledRows() throws IOException {
        long[] hashes = new Random(3).longs(1_000).toArray();
        int[] handles = IntStream.range(0, hashes.length).toArray();
        RowRepeats repeats = new RowRepeats(10, 5, 64, dir);
        repeats.add(hashes, handles, hashes.length);
        assertThat(repeats.spilled()).isTrue();
        assertThat(leftInDir()).isNotEmpty();

        repeats.close();
        repeats.close();

        assertThat(leftInDir()).isEmpty();
    }

    @Test
    void handlesOutOfRowOrderAreRefused() {
        try (RowRepeats repeats = new RowRepeats(10, 5, 64, dir)) {
            repeats.add(new long[] {1, 2}, new int[] {5, 6}, 2);

            assertThatThrownBy(() -> repeats.add(new long[] {3}, new int[] {6}, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ascend");
        }
    }
}
