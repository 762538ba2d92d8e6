package dev.freshet.engine.monitoring;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class PredictionLogTest {
    private final PredictionIds ids = new PredictionIds("test");

    @Test
    void aFullQueueDropsAndCountsInsteadOfWaitingForTheWriter() throws InterruptedException {
        BlockedStore store = new BlockedStore();
        Tally tally = new Tally();
        PredictionLog log = new PredictionLog(store, tally, 4, 100);
        try {
            assertThat(log.offer(batch(2))).isTrue();
            assertThat(store.entered.await(10, TimeUnit.SECONDS))
                    .as("the writer took the first batch")
                    .isTrue();

            assertThat(log.offer(batch(2))).as("4 rows wait: still room").isTrue();
            assertThat(log.offer(batch(1)))
                    .as("a fifth row does not fit while the writer is stuck")
                    .isFalse();
            assertThat(tally.dropped).containsExactly("m:1:QUEUE_FULL");

            store.release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> log.waiting() == 0);
            assertThat(store.rows).isEqualTo(4);
            assertThat(tally.written).containsExactly("m:2", "m:2");
            assertThat(log.offer(batch(3))).as("room again once written").isTrue();
        } finally {
            store.release.countDown();
            log.close();
        }
    }

    @Test
    void aFailedWriteIsCountedAsDroppedAndTheWriterCarriesOn() {
        Tally tally = new Tally();
        FailingOnceStore store = new FailingOnceStore();
        PredictionLog log = new PredictionLog(store, tally, 100, 100);
        try {
            log.offer(batch(3));
            await().atMost(Duration.ofSeconds(10)).until(() -> tally.dropped.contains("m:3:WRITE_FAILED"));
            log.offer(batch(2));
            await().atMost(Duration.ofSeconds(10)).until(() -> tally.written.contains("m:2"));
        } finally {
            log.close();
        }
    }

    @Test
    void closingWritesWhatWaits() {
        BlockedStore store = new BlockedStore();
        store.release.countDown();
        PredictionLog log = new PredictionLog(store, new Tally(), 1_000, 10);
        for (int i = 0; i < 50; i++) {
            log.offer(batch(3));
        }
        log.close();
        assertThat(store.rows).isEqualTo(150);
    }

    @Test
    void requestsToTwoModelsInTurnShareSegmentsInsteadOfCuttingOneAtEveryChange() {
        RecordingStore store = new RecordingStore();
        PredictionLog log = new PredictionLog(store, new Tally(), 1_000_000, 1_000_000);
        for (int i = 0; i < 400; i++) {
            String model = i % 2 == 0 ? "a" : "b";
            assertThat(log.offer(ids.take(1), model, 1, Instant.EPOCH, new double[][] {{i}}, new double[] {i}))
                    .isTrue();
        }
        log.close();
        Map<String, Integer> rows = new HashMap<>();
        store.segments.forEach(segment -> rows.merge(segment.model(), segment.rows(), Integer::sum));
        assertThat(rows).containsEntry("a", 200).containsEntry("b", 200);
        assertThat(store.segments)
                .as("one segment per model and flush, not one per request")
                .hasSizeLessThan(40);
    }

    @Test
    void aRaggedRequestIsRefusedBeforeItCountsAsWaiting() {
        PredictionLog log = new PredictionLog(new RecordingStore(), new Tally(), 100, 100);
        try {
            double[][] ragged = {{1, 2}, {3}};
            assertThatThrownBy(() -> log.offer(ids.take(2), "m", 1, Instant.EPOCH, ragged, new double[2]))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(log.waiting()).isZero();
        } finally {
            log.close();
        }
    }

    @Test
    void rowsPackedOnManyRequestThreadsAllLandOnceWithTheirIdsValuesAndTimes() throws InterruptedException {
        RecordingStore store = new RecordingStore();
        Tally tally = new Tally();
        int threads = 8;
        int requestsPerThread = 2_000;
        PredictionLog log = new PredictionLog(store, tally, 1_000_000, 5_000);
        List<ScoredBatch> offered = Collections.synchronizedList(new ArrayList<>());
        Instant t0 = Instant.parse("2026-05-01T10:00:00.123456Z");
        try {
            List<Thread> requests = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Thread request = new Thread(() -> {
                    for (int i = 0; i < requestsPerThread; i++) {
                        int rows = 1 + i % 3;
                        // models and versions alternate within a thread, as a swap to a new champion does
                        String model = (thread + i) % 5 == 0 ? "b" : "a";
                        int width = model.equals("a") ? 3 : 5;
                        PredictionIds.Block block = ids.take(rows);
                        double[][] features = new double[rows][width];
                        double[] predictions = new double[rows];
                        for (int r = 0; r < rows; r++) {
                            predictions[r] = block.first() + r + 0.5;
                            for (int j = 0; j < width; j++) {
                                features[r][j] = (block.first() + r) * 10 + j;
                            }
                        }
                        ScoredBatch batch = new ScoredBatch(
                                block, model, 1 + i % 2, t0.plusNanos(i * 1_000L), features, predictions);
                        offered.add(batch);
                        assertThat(log.offer(batch)).isTrue();
                    }
                });
                request.start();
                requests.add(request);
            }
            for (Thread request : requests) {
                request.join();
            }
        } finally {
            log.close();
        }

        Map<Long, ScoredBatch> byCounter = new HashMap<>();
        for (ScoredBatch batch : offered) {
            for (int r = 0; r < batch.rows(); r++) {
                byCounter.put(batch.ids().first() + r, batch);
            }
        }
        Map<Long, PredictionSegment.Row> landed = new HashMap<>();
        for (PackedSegment segment : store.segments) {
            assertThat(segment.prefix()).isEqualTo("test-");
            assertThat(segment.last() - segment.first()).isLessThanOrEqualTo(PredictionSegment.MAX_SPAN);
            for (PredictionSegment.Row row : PredictionSegment.read(
                    segment.data(), segment.first(), segment.firstAt(), segment.rows(), segment.featureCount())) {
                assertThat(landed.put(row.counter(), row))
                        .as("row %d once", row.counter())
                        .isNull();
                ScoredBatch batch = byCounter.get(row.counter());
                int r = (int) (row.counter() - batch.ids().first());
                assertThat(segment.model()).isEqualTo(batch.model());
                assertThat(segment.version()).isEqualTo(batch.version());
                assertThat(row.at()).isEqualTo(batch.time()).isBetween(segment.firstAt(), segment.lastAt());
                assertThat(row.prediction()).isEqualTo(batch.predictions()[r]);
                assertThat(row.features()).containsExactly(batch.features()[r]);
            }
        }
        assertThat(landed.keySet()).isEqualTo(byCounter.keySet());
        assertThat(tally.dropped).isEmpty();
        assertThat(tally.written.stream()
                        .mapToInt(w -> Integer.parseInt(w.substring(w.indexOf(':') + 1)))
                        .sum())
                .isEqualTo(byCounter.size());
    }

    @Test
    void requestsRacingForAFullLogEachLandOrAreCountedAsDroppedNeverBoth() throws InterruptedException {
        BlockedStore store = new BlockedStore();
        Tally tally = new Tally();
        PredictionLog log = new PredictionLog(store, tally, 500, 1_000_000);
        int threads = 6;
        int requestsPerThread = 300;
        try {
            List<Thread> requests = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread request = new Thread(() -> {
                    for (int i = 0; i < requestsPerThread; i++) {
                        log.offer(batch(1 + i % 2));
                    }
                });
                request.start();
                requests.add(request);
            }
            for (Thread request : requests) {
                request.join();
            }
            assertThat(log.waiting()).as("rows held while the writer is stuck").isLessThanOrEqualTo(500);
            store.release.countDown();
        } finally {
            store.release.countDown();
            log.close();
        }
        int offered = threads * requestsPerThread / 2 * 3;
        int dropped = tally.dropped.stream()
                .mapToInt(d -> Integer.parseInt(d.split(":")[1]))
                .sum();
        assertThat(dropped).isPositive();
        assertThat(store.rows + dropped).isEqualTo(offered);
    }

    @Test
    void anIdIsTakenApartIntoItsPrefixAndCounterAndAnythingElseIsNot() {
        PredictionIds.Block block = ids.take(300);
        for (int row : new int[] {0, 1, 15, 16, 255, 299}) {
            assertThat(PredictionIds.parse(block.id(row)))
                    .contains(new PredictionIds.Parsed("test-", block.first() + row));
        }
        assertThat(PredictionIds.parse("3f9a61c2d04e7b15-12a"))
                .contains(new PredictionIds.Parsed("3f9a61c2d04e7b15-", 0x2a));
        for (String other : new String[] {"x", "test-", "test-1", "test-12", "test-10a", "test-0g", "test-1A", "-00"}) {
            assertThat(PredictionIds.parse(other)).as(other).isEmpty();
        }
    }

    @Test
    void idsAreConsecutiveWithinARequestAndDistinctAcrossRequests() {
        PredictionIds.Block first = ids.take(3);
        PredictionIds.Block second = ids.take(2);
        assertThat(first.joined()).isEqualTo("test-00,test-01,test-02");
        assertThat(second.joined()).isEqualTo("test-03,test-04");
        assertThat(second.id(1)).isEqualTo("test-04");
        assertThat(ids.take(0).joined()).isEmpty();
        assertThat(new PredictionIds().take(1).id(0)).matches("[0-9a-f]{16}-00");
    }

    @Test
    void idsSortAsTheyWereIssued() {
        List<String> issued = new ArrayList<>();
        for (long counter : new long[] {0, 9, 0xf, 0x10, 0xff, 0x100, 0x12345, Long.MAX_VALUE}) {
            issued.add(new PredictionIds.Block("p-", counter, 1).id(0));
        }
        assertThat(issued)
                .containsExactly("p-00", "p-09", "p-0f", "p-110", "p-1ff", "p-2100", "p-412345", "p-f7fffffffffffffff");
        assertThat(issued).isSorted();
    }

    @Test
    void theHeaderOfABlockIsItsIdsCommaSeparatedAcrossChangesInTheirNumberOfDigits() {
        for (PredictionIds.Block block : List.of(
                new PredictionIds.Block("p-", 0xe, 4),
                new PredictionIds.Block("3f9a61c2d04e7b15-", 0xffffe, 3),
                new PredictionIds.Block("3f9a61c2d04e7b15-", 0x12a, 1),
                new PredictionIds.Block("q-", 0, 5_000))) {
            List<String> each = new ArrayList<>();
            for (int i = 0; i < block.size(); i++) {
                each.add(block.id(i));
            }
            assertThat(block.joined()).as("%s", block).isEqualTo(String.join(",", each));
        }
        assertThat(new PredictionIds.Block("p-", 0xe, 4).joined()).isEqualTo("p-0e,p-0f,p-110,p-111");
    }

    private ScoredBatch batch(int rows) {
        double[][] features = new double[rows][2];
        double[] predictions = new double[rows];
        return new ScoredBatch(ids.take(rows), "m", 1, Instant.EPOCH, features, predictions);
    }

    private static final class Tally implements PredictionLog.Counts {
        final List<String> written = Collections.synchronizedList(new ArrayList<>());
        final List<String> dropped = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void written(String model, int rows) {
            written.add(model + ":" + rows);
        }

        @Override
        public void dropped(String model, int rows, PredictionLog.DropReason reason) {
            dropped.add(model + ":" + rows + ":" + reason);
        }
    }

    private abstract static class NoReads implements PredictionStore {
        @Override
        public FeedbackResult join(String model, List<Label> labels, Instant receivedAt) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<VersionPerformance> performance(String model, Optional<Instant> since) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<DailyPerformance> dailyPerformance(String model, Optional<Instant> since) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void labelled(String model, Optional<Instant> since, Consumer<LabelledPrediction> each) {}

        @Override
        public List<String> labelledModels() {
            return List.of();
        }

        @Override
        public List<String> loggedModels() {
            return List.of();
        }

        @Override
        public long logged(String model) {
            return 0;
        }

        @Override
        public List<LoggedFeatures> recentFeatures(String model, Optional<Instant> since, int maxRows) {
            return List.of();
        }
    }

    /** Appends block until released. */
    private static final class BlockedStore extends NoReads {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile int rows;

        @Override
        public void write(List<PackedSegment> segments) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            rows += segments.stream().mapToInt(PackedSegment::rows).sum();
        }
    }

    private static final class RecordingStore extends NoReads {
        final List<PackedSegment> segments = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void write(List<PackedSegment> written) {
            segments.addAll(written);
        }
    }

    private static final class FailingOnceStore extends NoReads {
        private boolean failed;

        @Override
        public void write(List<PackedSegment> segments) {
            if (!failed) {
                failed = true;
                throw new IllegalStateException("database away");
            }
        }
    }
}
