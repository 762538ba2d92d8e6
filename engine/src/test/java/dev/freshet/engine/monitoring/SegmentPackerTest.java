package dev.freshet.engine.monitoring;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Segments as the writer packs them, read back row by row: every row once, in its own model's segment, with its
 * counter, time, prediction and features, whatever the order in which concurrent requests reached the queue.
 */
class SegmentPackerTest {
    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00.123456Z");

    /** Row i of a block: prediction = counter, features (counter, -counter, width). */
    private static ScoredBatch batch(PredictionIds.Block block, String model, Instant at, int width) {
        double[][] features = new double[block.size()][width];
        double[] predictions = new double[block.size()];
        for (int i = 0; i < block.size(); i++) {
            long counter = block.first() + i;
            predictions[i] = counter;
            features[i][0] = counter;
            features[i][1] = -counter;
            for (int j = 2; j < width; j++) {
                features[i][j] = width;
            }
        }
        return new ScoredBatch(block, model, 1, at, features, predictions);
    }

    @Test
    void rowsOutOfOrderAndOfInterleavedModelsComeBackEachFromItsSegment() {
        PredictionIds ids = new PredictionIds("p");
        List<PredictionIds.Block> blocks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            blocks.add(ids.take(1 + i % 3));
        }
        List<ScoredBatch> queued = new ArrayList<>();
        // later ids first and times out of order, as concurrent requests may reach the queue; models alternate
        for (int i = blocks.size() - 1; i >= 0; i--) {
            String model = i % 2 == 0 ? "a" : "b";
            queued.add(batch(blocks.get(i), model, timeOf(i), model.equals("a") ? 3 : 4));
        }

        List<PackedSegment> packed = SegmentPacker.pack(queued);

        assertThat(packed).extracting(PackedSegment::model).containsExactly("b", "a");
        Map<Long, String> seen = new HashMap<>();
        for (PackedSegment segment : packed) {
            PredictionSegment.Row[] rows = read(segment);
            assertThat(rows).hasSize(segment.rows());
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (PredictionSegment.Row row : rows) {
                assertThat(seen.put(row.counter(), segment.model())).isNull();
                min = Math.min(min, row.counter());
                max = Math.max(max, row.counter());
                assertThat(row.prediction()).isEqualTo(row.counter());
                assertThat(row.features()).startsWith(row.counter(), -row.counter());
                assertThat(row.features()).hasSize(segment.model().equals("a") ? 3 : 4);
                int block = blockOf(blocks, row.counter());
                assertThat(block % 2 == 0 ? "a" : "b").isEqualTo(segment.model());
                assertThat(row.at()).isEqualTo(timeOf(block));
                assertThat(row.at()).isBetween(segment.firstAt(), segment.lastAt());
            }
            assertThat(segment.first()).isEqualTo(min);
            assertThat(segment.last()).isEqualTo(max);
        }
        assertThat(seen)
                .hasSize(blocks.stream().mapToInt(PredictionIds.Block::size).sum());
    }

    @Test
    void aGroupIsCutAtTheMostRowsAndCountersASegmentHolds() {
        PredictionIds ids = new PredictionIds("p");
        List<ScoredBatch> queued = new ArrayList<>();
        queued.add(batch(ids.take(PredictionSegment.MAX_ROWS + 10), "m", T0, 2));
        ids.take((int) PredictionSegment.MAX_SPAN); // a gap: the next row lies beyond the span of the segment before
        PredictionIds.Block far = ids.take(2);
        queued.add(batch(far, "m", T0.plusSeconds(1), 2));

        List<PackedSegment> packed = SegmentPacker.pack(queued);

        assertThat(packed).extracting(PackedSegment::rows).containsExactly(PredictionSegment.MAX_ROWS, 10, 2);
        assertThat(packed)
                .allSatisfy(segment ->
                        assertThat(segment.last() - segment.first()).isLessThanOrEqualTo(PredictionSegment.MAX_SPAN));
        assertThat(packed.get(2).first()).isEqualTo(far.first());
        assertThat(read(packed.get(2))[1].at()).isEqualTo(T0.plusSeconds(1));
    }

    /** Times neither rising nor falling with the blocks, down to the microsecond. */
    private static Instant timeOf(int block) {
        return T0.plusNanos((block * 7L % 11) * 1_001_000);
    }

    @Test
    void aSegmentsBytesStayBelowHalfOfG1sSmallestRegionSoThatNoWriteAllocatesAHumongousObject() {
        PredictionIds ids = new PredictionIds("p");
        List<ScoredBatch> queued = List.of(batch(ids.take(PredictionSegment.MAX_ROWS), "wine", T0, 11));

        List<PackedSegment> packed = SegmentPacker.pack(queued);

        assertThat(packed).hasSizeGreaterThan(1);
        assertThat(packed)
                .allSatisfy(segment -> assertThat(segment.data().length)
                        .isLessThan(512 * 1024)
                        .isLessThanOrEqualTo(PredictionSegment.MAX_BYTES));
        assertThat(packed.stream().mapToInt(PackedSegment::rows).sum()).isEqualTo(PredictionSegment.MAX_ROWS);
    }

    private static PredictionSegment.Row[] read(PackedSegment segment) {
        return PredictionSegment.read(
                segment.data(), segment.first(), segment.firstAt(), segment.rows(), segment.featureCount());
    }

    private static int blockOf(List<PredictionIds.Block> blocks, long counter) {
        for (int i = 0; i < blocks.size(); i++) {
            PredictionIds.Block block = blocks.get(i);
            if (counter >= block.first() && counter < block.first() + block.size()) {
                return i;
            }
        }
        throw new AssertionError("no block holds " + counter);
    }

    @Test
    void aBuilderThatStartsSmallGrowsToAWholeSegmentAndPacksTheSameRows() {
        PredictionIds ids = new PredictionIds("g");
        PredictionIds.Block block = ids.take(3_000);
        ScoredBatch batch = batch(block, "m", T0, 11);
        SegmentBuilder small = new SegmentBuilder(block.prefix(), "m", 1, 11, 1);
        SegmentBuilder whole = new SegmentBuilder(block.prefix(), "m", 1, 11, 3_000);
        List<PackedSegment> fromSmall = new ArrayList<>();
        List<PackedSegment> fromWhole = new ArrayList<>();
        for (int r = 0; r < batch.rows(); r++) {
            small.add(
                    block.first() + r,
                    PredictionSegment.micros(T0),
                    batch.predictions()[r],
                    batch.features()[r],
                    fromSmall);
            whole.add(
                    block.first() + r,
                    PredictionSegment.micros(T0),
                    batch.predictions()[r],
                    batch.features()[r],
                    fromWhole);
        }
        small.sealInto(fromSmall);
        whole.sealInto(fromWhole);

        assertThat(fromSmall).hasSameSizeAs(fromWhole);
        for (int i = 0; i < fromSmall.size(); i++) {
            assertThat(fromSmall.get(i).data()).isEqualTo(fromWhole.get(i).data());
        }
        assertThat(fromSmall.stream().mapToInt(PackedSegment::rows).sum()).isEqualTo(3_000);
        assertThat(read(fromSmall.get(0))[0].features()).containsExactly(batch.features()[0]);
    }
}
