package dev.freshet.engine.store;

import dev.freshet.engine.monitoring.FeedbackResult;
import dev.freshet.engine.monitoring.Label;
import dev.freshet.engine.monitoring.LoggedFeatures;
import dev.freshet.engine.monitoring.PredictionIds;
import dev.freshet.engine.monitoring.ScoredBatch;
import dev.freshet.engine.monitoring.VersionPerformance;
import dev.freshet.engine.testdb.TestDatabase;
import dev.freshet.engine.testdb.TestDatabases;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The prediction log in segments: ids found again across segments, processes and the older one-row-per-prediction
 * table, labels replaced rather than counted twice, the latest features for drift; H2 here, PostgreSQL in
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
        Flyway.configure()
                .dataSource(url, null, null)
                .locations(
                        "classpath:db/migration/common",
                        "classpath:db/migration/" + (testDatabase.isPostgres() ? "postgresql" : "h2"))
                .target(String.valueOf(DatabaseTest.highestVersionBelow(14))) // the last before segments
                .load()
                .migrate();
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

    private static void assertPerformance(VersionPerformance p, int version, long labels, double rmse, double mae) {
        assertThat(p.version()).isEqualTo(version);
        assertThat(p.labels()).isEqualTo(labels);
        assertThat(p.rmse()).isCloseTo(rmse, within(1e-9));
        assertThat(p.mae()).isCloseTo(mae, within(1e-9));
    }
}
