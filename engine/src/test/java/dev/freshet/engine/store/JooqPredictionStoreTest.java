package dev.freshet.engine.store;

import dev.freshet.engine.monitoring.DailyPerformance;
import dev.freshet.engine.monitoring.FeedbackResult;
import dev.freshet.engine.monitoring.Label;
import dev.freshet.engine.monitoring.LoggedFeatures;
import dev.freshet.engine.monitoring.PackedSegment;
import dev.freshet.engine.monitoring.PredictionIds;
import dev.freshet.engine.monitoring.PredictionLog;
import dev.freshet.engine.monitoring.PredictionSegment;
import dev.freshet.engine.monitoring.ScoredBatch;
import dev.freshet.engine.monitoring.SegmentPacker;
import dev.freshet.engine.monitoring.VersionPerformance;
import dev.freshet.engine.testdb.TestDatabase;
import dev.freshet.engine.testdb.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The prediction log in segments: ids found again across segments, processes and the older one-row-per-prediction
 * table, labels replaced rather than counted twice, realized errors per version and UTC day summed by the database, the
 * latest features for drift; H2 here, PostgreSQL in
 * {@link JooqPredictionStoreOnPostgresTest}.
 */
@ExtendWith(TestDatabases.class)
class JooqPredictionStoreTest {
    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00.123456Z");

    @TempDir
    static Path home;

    static TestDatabase testDatabase;
    private static Database database;
    private static JooqPredictionStore store;

    @BeforeAll
    static void open(TestDatabase given) {
        testDatabase = given;
        database = Database.open(given.url(home), null, null, 4);
        store = new JooqPredictionStore(database);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    /** Row i of a batch: features (first + i, 2 (first + i)), prediction first + i. */
    private static ScoredBatch batch(PredictionIds ids, String model, int version, Instant at, int rows) {
        PredictionIds.Block block = ids.take(rows);
        double[][] features = new double[rows][];
        double[] predictions = new double[rows];
        for (int i = 0; i < rows; i++) {
            double x = block.first() + i;
            features[i] = new double[] {x, 2 * x};
            predictions[i] = x;
        }
        return new ScoredBatch(block, model, version, at, features, predictions);
    }

    @Test
    void rowsTheLogPacksOnManyRequestThreadsAreAllStoredAndFoundByTheirIds() throws InterruptedException {
        PredictionIds ids = new PredictionIds("5717e5");
        List<ScoredBatch> offered = Collections.synchronizedList(new ArrayList<>());
        PredictionLog log = new PredictionLog(store, PredictionLog.Counts.NONE, 100_000, 1_000);
        try {
            List<Thread> requests = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread request = new Thread(() -> {
                    for (int i = 0; i < 300; i++) {
                        ScoredBatch batch = batch(ids, "threads", 1, T0.plusMillis(i), 1 + i % 3);
                        offered.add(batch);
                        log.offer(batch);
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
        List<Label> labels = new ArrayList<>();
        for (ScoredBatch batch : offered) {
            for (int r = 0; r < batch.rows(); r++) {
                labels.add(new Label(batch.ids().id(r), batch.predictions()[r] + 1)); // error -1 on every row
            }
        }

        assertThat(store.logged("threads")).isEqualTo(labels.size());
        assertThat(store.join("threads", labels, T0.plusSeconds(60))).isEqualTo(new FeedbackResult(labels.size(), 0));
        assertThat(store.performance("threads", Optional.empty()))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.labels()).isEqualTo(labels.size());
                    assertThat(p.rmse()).isCloseTo(1.0, within(1e-9));
                    assertThat(p.mae()).isCloseTo(1.0, within(1e-9));
                });
    }

    @Test
    void labelsFindTheirPredictionsAcrossSegmentsProcessesAndVersions() {
        PredictionIds one = new PredictionIds("aaaa");
        PredictionIds two = new PredictionIds("bbbb");
        List<ScoredBatch> first = List.of(
                batch(one, "joined", 1, T0, 3), // counters 0..2 of aaaa
                batch(two, "joined", 1, T0, 2), // 0..1 of bbbb
                batch(one, "joined", 2, T0.plusSeconds(1), 2)); // 3..4 of aaaa, another version
        store.append(first);
        one.take(PredictionSegment.MAX_ROWS * 40); // a gap wider than a segment may span
        List<ScoredBatch> second = List.of(batch(one, "joined", 2, T0.plusSeconds(2), PredictionSegment.MAX_ROWS + 5));
        store.append(second);

        List<Label> labels = new ArrayList<>();
        labels.add(new Label(first.get(0).ids().id(1), 1.0 + 3)); // error -3
        labels.add(new Label(first.get(1).ids().id(0), 0.0 + 1)); // error -1
        labels.add(new Label(first.get(2).ids().id(1), 4.0)); // error 0
        ScoredBatch big = second.get(0);
        long last = big.ids().first() + big.rows() - 1;
        labels.add(new Label(big.ids().id(big.rows() - 1), last + 2)); // error -2, in the second segment of the batch
        labels.add(new Label("aaaa-fffffff", 1.0)); // well-formed, never issued
        labels.add(new Label("not an id", 1.0));

        FeedbackResult result = store.join("joined", labels, T0.plusSeconds(60));

        assertThat(result).isEqualTo(new FeedbackResult(4, 2));
        assertThat(store.logged("joined")).isEqualTo(3 + 2 + 2 + PredictionSegment.MAX_ROWS + 5);
        List<VersionPerformance> performance = store.performance("joined", Optional.empty());
        assertThat(performance).hasSize(2);
        assertPerformance(performance.get(0), 1, 2, Math.sqrt(10.0 / 2), 4.0 / 2);
        assertPerformance(performance.get(1), 2, 2, Math.sqrt(4.0 / 2), 2.0 / 2);
        assertThat(store.join(
                        "other-model", List.of(new Label(first.get(0).ids().id(0), 1)), T0))
                .as("an id of another model's prediction")
                .isEqualTo(new FeedbackResult(0, 1));
    }

    @Test
    void aLaterLabelReplacesTheEarlierAndEachPredictionCountsOnce() {
        PredictionIds ids = new PredictionIds("cccc");
        ScoredBatch scored = batch(ids, "relabelled", 1, T0, 2); // predictions 0, 1
        store.append(List.of(scored));
        String a = scored.ids().id(0);
        String b = scored.ids().id(1);

        assertThat(store.join("relabelled", List.of(new Label(a, 10), new Label(a, 2), new Label(b, 1)), T0))
                .as("a duplicate in one batch: the later one is kept")
                .isEqualTo(new FeedbackResult(3, 0));
        assertPerformance(store.performance("relabelled", Optional.empty()).get(0), 1, 2, Math.sqrt(2.0), 1.0);

        store.join("relabelled", List.of(new Label(a, 0)), T0.plusSeconds(5)); // late correction
        assertPerformance(store.performance("relabelled", Optional.empty()).get(0), 1, 2, 0.0, 0.0);
    }

    @Test
    void sinceWindowsLabelsAndFeaturesByPredictionTime() {
        PredictionIds ids = new PredictionIds("dddd");
        ScoredBatch early = batch(ids, "windowed", 1, T0, 2);
        ScoredBatch late = batch(ids, "windowed", 1, T0.plusSeconds(10), 3);
        store.append(List.of(early));
        store.append(List.of(late));
        store.join(
                "windowed",
                List.of(
                        new Label(early.ids().id(0), 5),
                        new Label(late.ids().id(0), late.ids().first() + 1)),
                T0.plusSeconds(20));

        assertPerformance(
                store.performance("windowed", Optional.of(T0.plusSeconds(10))).get(0), 1, 1, 1.0, 1.0);
        List<LoggedFeatures> recent = store.recentFeatures("windowed", Optional.of(T0.plusSeconds(10)), 100);
        assertThat(recent).hasSize(3).allSatisfy(row -> assertThat(row.at()).isEqualTo(T0.plusSeconds(10)));
        assertThat(recent.get(0).features()).containsExactly(late.features()[0]);
        assertThat(store.recentFeatures("windowed", Optional.empty(), 4))
                .as("the newest first, up to the limit")
                .hasSize(4);
        assertThat(store.loggedModels()).contains("windowed");
    }

    @Test
    void labelsAndPredictionsOfTheOneRowPerPredictionLogSurviveTheMigrationToSegments(@TempDir Path oldHome)
            throws Exception {
        String url = testDatabase.url(oldHome);
        // the last before segments
        VersionedMigrations.migrate(url, testDatabase.isPostgres(), DatabaseTest.highestVersionBelow(14), oldHome);
        try (Connection connection = DriverManager.getConnection(url);
                Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO prediction_log VALUES ('old-1', 'legacy', 3, TIMESTAMP WITH TIME ZONE "
                    + "'2026-04-01 00:00:00+00', '[1.0,2.0]', 5.0)");
            sql.execute("INSERT INTO prediction_log VALUES ('old-2', 'legacy', 3, TIMESTAMP WITH TIME ZONE "
                    + "'2026-04-01 00:00:00+00', '[1.5,2.5]', 6.0)");
            sql.execute("INSERT INTO prediction_feedback VALUES ('old-1', 7.0, TIMESTAMP WITH TIME ZONE "
                    + "'2026-04-02 00:00:00+00')");
        }
        try (Database upgraded = Database.open(url, null, null, 2)) {
            JooqPredictionStore old = new JooqPredictionStore(upgraded);
            assertPerformance(old.performance("legacy", Optional.empty()).get(0), 3, 1, 2.0, 2.0);
            assertThat(old.logged("legacy")).isEqualTo(2);
            assertThat(old.join("legacy", List.of(new Label("old-2", 5.0)), T0))
                    .as("an unlabelled row of the old log can still be labelled")
                    .isEqualTo(new FeedbackResult(1, 0));
            assertPerformance(old.performance("legacy", Optional.empty()).get(0), 3, 2, Math.sqrt(2.5), 1.5);
        }
    }

    @Test
    void segmentsWrittenInBase64BeforeTheBinaryColumnAreStillRead(@TempDir Path oldHome) throws Exception {
        String url = testDatabase.url(oldHome);
        // the last with base64 text only
        VersionedMigrations.migrate(url, testDatabase.isPostgres(), DatabaseTest.highestVersionBelow(17), oldHome);
        PredictionIds ids = new PredictionIds("0ld");
        ScoredBatch before = batch(ids, "base64", 4, T0, 3); // predictions 0, 1, 2
        PackedSegment segment = SegmentPacker.pack(List.of(before)).get(0);
        try (Connection connection = DriverManager.getConnection(url);
                PreparedStatement insert = connection.prepareStatement("INSERT INTO prediction_segments (id_prefix,"
                        + " first_counter, last_counter, model_name, model_version, first_at, last_at, row_count,"
                        + " feature_count, rows_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, segment.prefix());
            insert.setLong(2, segment.first());
            insert.setLong(3, segment.last());
            insert.setString(4, segment.model());
            insert.setInt(5, segment.version());
            insert.setObject(6, T0.atOffset(ZoneOffset.UTC));
            insert.setObject(7, T0.atOffset(ZoneOffset.UTC));
            insert.setInt(8, segment.rows());
            insert.setInt(9, segment.featureCount());
            insert.setString(10, Base64.getEncoder().encodeToString(segment.data()));
            insert.executeUpdate();
        }
        try (Database upgraded = Database.open(url, null, null, 2)) {
            JooqPredictionStore migrated = new JooqPredictionStore(upgraded);
            ScoredBatch after = batch(ids, "base64", 4, T0.plusSeconds(1), 2); // predictions 3, 4, in bytes
            migrated.append(List.of(after));

            assertThat(migrated.logged("base64")).isEqualTo(5);
            assertThat(migrated.join(
                            "base64",
                            List.of(
                                    new Label(before.ids().id(2), 2 + 2), // error -2, in the old segment
                                    new Label(after.ids().id(0), 3)), // error 0, in the new one
                            T0.plusSeconds(5)))
                    .isEqualTo(new FeedbackResult(2, 0));
            assertPerformance(migrated.performance("base64", Optional.empty()).get(0), 4, 2, Math.sqrt(2), 1);
            assertThat(migrated.recentFeatures("base64", Optional.empty(), 10))
                    .extracting(LoggedFeatures::features)
                    .containsExactlyInAnyOrder(
                            new double[] {0, 0},
                            new double[] {1, 2},
                            new double[] {2, 4},
                            new double[] {3, 6},
                            new double[] {4, 8});
        }
    }

    @Test
    void dailyErrorsAreSummedPerVersionAndUtcDayOfPredictionTime() {
        PredictionIds ids = new PredictionIds("ffff");
        ScoredBatch a = batch(ids, "daily", 2, Instant.parse("2026-03-02T23:59:59Z"), 1); // prediction 0
        ScoredBatch b = batch(ids, "daily", 1, Instant.parse("2026-03-03T00:00:00Z"), 1); // 1, the next day
        ScoredBatch c = batch(ids, "daily", 1, Instant.parse("2026-03-02T10:00:00Z"), 1); // 2
        ScoredBatch d = batch(ids, "daily", 1, Instant.parse("2026-03-02T23:00:00Z"), 1); // 3
        store.append(List.of(a, b, c, d));
        store.join(
                "daily",
                List.of(
                        new Label(a.ids().id(0), -1), // error 1
                        new Label(b.ids().id(0), 4), // error -3
                        new Label(c.ids().id(0), 2), // error 0
                        new Label(d.ids().id(0), 1)), // error 2
                T0);

        List<DailyPerformance> days = store.dailyPerformance("daily", Optional.empty());

        assertThat(days)
                .extracting(day -> day.version() + " " + day.day() + " " + day.labels())
                .containsExactly("1 2026-03-02 2", "1 2026-03-03 1", "2 2026-03-02 1");
        assertThat(days.get(0).rmse()).isCloseTo(Math.sqrt(4.0 / 2), within(1e-12));
        assertThat(days.get(0).mae()).isCloseTo(1.0, within(1e-12));
        assertThat(days.get(1).rmse()).isCloseTo(3.0, within(1e-12));
    }

    @Test
    void dailyErrorsEqualAHandComputationOnRandomLabelledRows() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        Instant day0 = Instant.parse("2026-06-01T00:00:00Z");
        Set<Integer> quietDays = Set.of(3, 7); // no predictions
        int unlabelledDay = 5; // predictions, none labelled
        PredictionIds ids = new PredictionIds("eeee");
        List<ScoredBatch> batches = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            int day = random.nextInt(10);
            if (quietDays.contains(day)) {
                continue;
            }
            long second = switch (random.nextInt(10)) {
                case 0 -> 0; // midnight opens the day
                case 1 -> 86_399; // the day's last second
                default -> random.nextInt(86_400);
            };
            Instant at = day0.plus(Duration.ofDays(day)).plusSeconds(second);
            batches.add(batch(ids, "daily-random", 1 + random.nextInt(3), at, 1 + random.nextInt(4)));
        }
        store.append(batches);

        Map<String, Double> labels = new HashMap<>(); // the label each id ends with
        Map<String, ScoredBatch> batchOf = new HashMap<>();
        Map<String, Double> predictionOf = new HashMap<>();
        List<List<Label>> joins = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (ScoredBatch scored : batches) {
            boolean unlabelled = LocalDate.ofInstant(scored.time(), ZoneOffset.UTC)
                    .equals(LocalDate.ofInstant(day0, ZoneOffset.UTC).plusDays(unlabelledDay));
            for (int row = 0; row < scored.rows(); row++) {
                if (unlabelled || random.nextInt(10) < 3) {
                    continue;
                }
                String id = scored.ids().id(row);
                double label = scored.predictions()[row] + random.nextGaussian() * 3;
                // a late label, after later predictions were labelled: the first batch of feedback or a later one
                joins.get(random.nextInt(3)).add(new Label(id, label));
                labels.put(id, label);
                batchOf.put(id, scored);
                predictionOf.put(id, scored.predictions()[row]);
            }
        }
        List<String> relabelled = labels.keySet().stream().sorted().limit(10).toList();
        for (String id : relabelled) { // corrections: the later label replaces the earlier
            double label = predictionOf.get(id) + random.nextGaussian();
            joins.get(2).add(new Label(id, label));
            labels.put(id, label);
        }
        for (int i = 0; i < joins.size(); i++) {
            store.join("daily-random", joins.get(i), T0.plus(Duration.ofDays(20 + i)));
        }
        Instant since = day0.plus(Duration.ofDays(4)).plusSeconds(43_200);

        for (Optional<Instant> window : List.of(Optional.<Instant>empty(), Optional.of(since))) {
            Map<String, double[]> expected = new TreeMap<>(); // "version day" -> count, squared, absolute
            labels.forEach((id, label) -> {
                ScoredBatch scored = batchOf.get(id);
                if (window.isPresent() && scored.time().isBefore(window.get())) {
                    return;
                }
                double error = predictionOf.get(id) - label;
                double[] sums = expected.computeIfAbsent(
                        scored.version() + " " + LocalDate.ofInstant(scored.time(), ZoneOffset.UTC),
                        key -> new double[3]);
                sums[0]++;
                sums[1] += error * error;
                sums[2] += Math.abs(error);
            });

            List<DailyPerformance> days = store.dailyPerformance("daily-random", window);

            assertThat(days)
                    .as("seed %d, since %s", seed, window)
                    .extracting(day -> day.version() + " " + day.day())
                    .containsExactlyElementsOf(expected.keySet());
            assertThat(days)
                    .extracting(DailyPerformance::day)
                    .as("days without labels have no entry")
                    .doesNotContain(
                            LocalDate.parse("2026-06-04"),
                            LocalDate.parse("2026-06-06"),
                            LocalDate.parse("2026-06-08"));
            for (DailyPerformance day : days) {
                double[] sums = expected.get(day.version() + " " + day.day());
                assertThat(day.labels()).as("seed %d, %s", seed, day).isEqualTo((long) sums[0]);
                assertThat(day.rmse())
                        .as("seed %d, %s", seed, day)
                        .isCloseTo(Math.sqrt(sums[1] / sums[0]), within(1e-9));
                assertThat(day.mae()).as("seed %d, %s", seed, day).isCloseTo(sums[2] / sums[0], within(1e-9));
            }
        }
    }

    private static void assertPerformance(VersionPerformance p, int version, long labels, double rmse, double mae) {
        assertThat(p.version()).isEqualTo(version);
        assertThat(p.labels()).isEqualTo(labels);
        assertThat(p.rmse()).isCloseTo(rmse, within(1e-9));
        assertThat(p.mae()).isCloseTo(mae, within(1e-9));
    }
}
