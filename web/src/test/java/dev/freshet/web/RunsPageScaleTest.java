package dev.freshet.web;

import dev.freshet.engine.Engine;
import dev.freshet.engine.store.Database;
import dev.freshet.engine.store.JooqTrackingStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runs page with 100,000 runs, each with three metrics, in the database. The rows are written straight into the
 * database (H2, or the test PostgreSQL) through the store's data source, one SQL statement for the runs and one for
 * their metrics, before the engine starts (a trigger through the RunService each would take minutes); each page is
 * then a count, a page query and one query for the metrics of the page's runs. Prints the load times it measured.
 */
class RunsPageScaleTest {
    /** Figures at INFO: shown when a developer lowers the test log level. */
    private static final Logger LOG = LoggerFactory.getLogger(RunsPageScaleTest.class);

    static final int RUNS = 100_000;
    static final int METRICS_PER_RUN = 3;
    static final Duration BOUND = Duration.ofMillis(1500);

    @RegisterExtension
    static final FreshetServerExtension freshet = FreshetServerExtension.builder()
            .token("scale")
            .beforeEngine(RunsPageScaleTest::seed)
            .build();

    static Engine engine;
    static FreshetServer server;
    static Http http;

    static void seed(Path home) throws SQLException {
        Path state = home.resolve("state");
        long started = System.nanoTime();
        long runsSeeded;
        String url = freshet.database().url(state);
        boolean postgres = freshet.database().isPostgres();
        try (Database database = Database.open(url, null, null, 2)) {
            JooqTrackingStore tracking = new JooqTrackingStore(database);
            Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
            long hello = tracking.createExperiment("hello", t0).id();
            long quick = tracking.createExperiment("quick", t0).id();
            // One statement makes all the rows (H2's SYSTEM_RANGE, PostgreSQL's generate_series), in order so their
            // sequence follows their dates.
            // Runs of both workflows alternate; every fourth one failed.
            try (Connection connection = database.dataSource().getConnection();
                    PreparedStatement insert = connection.prepareStatement("""
                         INSERT INTO runs (run_id, workflow_id, experiment_id, state, run_type, triggered_by, conf,
                                           params, logical_date, data_interval_start, data_interval_end, queued_at,
                                           start_date, end_date)
                         SELECT 'seed-' || LPAD(CAST(X AS VARCHAR), 6, '0'),
                                CASE WHEN MOD(X, 2) = 0 THEN 'hello' ELSE 'quick' END,
                                CASE WHEN MOD(X, 2) = 0 THEN CAST(? AS BIGINT) ELSE CAST(? AS BIGINT) END,
                                CASE WHEN MOD(X, 4) = 3 THEN 'failed' ELSE 'success' END,
                                'scheduled', 'seed', '{}', '{}',
                                %2$s, %2$s, %2$s, %2$s, %2$s, %3$s
                         FROM %1$s,
                              (SELECT CAST(? AS TIMESTAMP WITH TIME ZONE) AS T0) START_TIME
                         ORDER BY X
                         """.formatted(
                                    range(postgres, "0", "CAST(? AS INT)"),
                                    secondsAfterT0(postgres, "X * 60"),
                                    secondsAfterT0(postgres, "X * 60 + 30")))) {
                insert.setLong(1, hello);
                insert.setLong(2, quick);
                insert.setInt(3, RUNS - 1);
                insert.setObject(4, t0.atOffset(ZoneOffset.UTC));
                assertThat(insert.executeUpdate()).isEqualTo(RUNS);
            }
            runsSeeded = System.nanoTime();
            // Every run has rmse, mae and r2 (the page shows them): run n's rmse is 0.5 + (n mod 100) / 1000.
            try (Connection connection = database.dataSource().getConnection();
                    PreparedStatement insert = connection.prepareStatement("""
                         INSERT INTO run_metrics (run_id, metric_key, step, metric_value, logged_at, task_id)
                         SELECT run_id,
                                CASE X WHEN 1 THEN 'rmse' WHEN 2 THEN 'mae' ELSE 'r2' END,
                                0,
                                CASE X WHEN 1 THEN 0.5 WHEN 2 THEN 0.4 ELSE 0.9 END
                                    + (CASE X WHEN 3 THEN -1 ELSE 1 END)
                                    * MOD(CAST(SUBSTRING(run_id, 6) AS INT), 100) / 1000.0,
                                end_date, 'only'
                         FROM runs CROSS JOIN %s
                         """.formatted(range(postgres, "1", "3")))) {
                assertThat(insert.executeUpdate()).isEqualTo(METRICS_PER_RUN * RUNS);
            }
        }
        LOG.info(String.format(
                Locale.ROOT,
                "seeded %,d runs in %.1f s, their %,d metrics in %.1f s",
                RUNS,
                (runsSeeded - started) / 1e9,
                METRICS_PER_RUN * RUNS,
                (System.nanoTime() - runsSeeded) / 1e9));
    }

    /** The integers from {@code from} to {@code to} as a table of one column X: H2's SYSTEM_RANGE, or PostgreSQL's. */
    private static String range(boolean postgres, String from, String to) {
        return postgres
                ? "generate_series(" + from + ", " + to + ") AS R(X)"
                : "SYSTEM_RANGE(" + from + ", " + to + ")";
    }

    private static String secondsAfterT0(boolean postgres, String seconds) {
        return postgres ? "(T0 + (" + seconds + ") * INTERVAL '1 second')" : "DATEADD(SECOND, " + seconds + ", T0)";
    }

    @BeforeAll
    static void start() {
        engine = freshet.engine();
        server = freshet.server();
        http = freshet.http();
    }

    @Test
    void theRunsPageStaysFastWithAHundredThousandRuns() {
        // the @daily workflow may add its catch-up run on start
        assertThat(total()).isBetween((long) RUNS, RUNS + 1L);
        for (String query : List.of(
                "", "?workflow=hello", "?state=failed", "?workflow=quick&state=success", "?page=2000", "?page=4000")) {
            HttpResponse<String> warm = http.browse("/runs" + query, null);
            assertThat(warm.statusCode()).isEqualTo(200);
            long millis = medianMillis("/runs" + query);
            LOG.info(String.format(Locale.ROOT, "GET /runs%s with %,d runs: median %d ms", query, RUNS, millis));
            assertThat(Duration.ofMillis(millis)).as("/runs" + query).isLessThan(BOUND);
        }
    }

    @Test
    void filtersAndPagesCountExactly() {
        long total = total();
        long pages = (total + 24) / 25;
        assertThat(http.browse("/runs", null).body())
                .contains(total + " runs", "page 1 of " + pages, "rmse 0.5990 · mae 0.4990 · r2 0.8010");
        assertThat(http.browse("/runs?workflow=hello", null).body())
                .contains("50000 runs", "seed-099998")
                .doesNotContain("seed-099999");
        assertThat(http.browse("/runs?state=failed", null).body()).contains("25000 runs", "seed-099999");
        String last = http.browse("/runs?page=" + pages, null).body();
        assertThat(last)
                .contains("seed-000000", "page " + pages + " of " + pages, "rmse 0.5000 · mae 0.4000 · r2 0.9000")
                .doesNotContain("rel=\"next\"");
        assertThat(Http.json(http.get("/api/v1/dags/~/dagRuns?state=failed&limit=1"))
                        .get("total_entries")
                        .asLong())
                .isEqualTo(25_000);
    }

    private static long total() {
        return engine.runs().runs(dev.freshet.engine.run.RunQuery.all(1)).totalEntries();
    }

    private static long medianMillis(String path) {
        long[] times = new long[5];
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            assertThat(http.browse(path, null).statusCode()).isEqualTo(200);
            times[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(times);
        return times[times.length / 2];
    }
}
