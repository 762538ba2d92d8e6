package dev.freshet.engine.store;

import dev.freshet.engine.run.RunType;
import dev.freshet.engine.store.generated.tables.records.RunMetricsRecord;
import dev.freshet.engine.store.generated.tables.records.RunsRecord;
import org.jooq.DSLContext;
import org.jooq.TableRecord;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static dev.freshet.engine.store.generated.Tables.RUNS;
import static dev.freshet.engine.store.generated.Tables.RUN_METRICS;

/**
 * Finished runs with metrics, written straight into the tables in batches, for benchmarks of pages over many runs (a
 * trigger through the engine each would take minutes). Run {@code n} is {@code seed-NNNNNN} of workflow
 * {@code n mod workflows}, a minute after run {@code n - 1}; every fourth run failed; each has rmse
 * {@code 0.5 + (n mod 100) / 1000}, mae 0.1 less and r2 {@code 0.9 - (n mod 100) / 1000}. The runs-page benchmark
 * reaches the store only through it (it sits in this package for the generated tables and {@link Times}).
 */
public final class SyntheticRuns {
    private static final int BATCH = 5_000;

    /** A workflow the runs belong to, and the id of its experiment. */
    private record SeedWorkflow(String workflowId, long experimentId) {}

    private SyntheticRuns() {}

    /**
     * Opens (and migrates) the embedded database in {@code state}, creates an experiment for each workflow, writes
     * the runs and their metrics, and closes the database again, before any engine starts on it.
     */
    public static void seed(Path state, List<String> workflowIds, int runs, Instant firstLogicalDate) {
        try (Database database = Database.open(Database.embeddedUrl(state), null, null, 2)) {
            JooqTrackingStore tracking = new JooqTrackingStore(database);
            List<SeedWorkflow> workflows = workflowIds.stream()
                    .map(id -> new SeedWorkflow(
                            id, tracking.createExperiment(id, firstLogicalDate).id()))
                    .toList();
            insert(database, workflows, runs, firstLogicalDate);
        }
    }

    private static void insert(Database database, List<SeedWorkflow> workflows, int runs, Instant firstLogicalDate) {
        DSLContext dsl = database.dsl();
        List<TableRecord<?>> batch = new ArrayList<>(BATCH);
        // runs first, in order, so that their sequence numbers follow their dates; then their metrics
        for (int n = 0; n < runs; n++) {
            batch.add(run(dsl, n, workflows.get(n % workflows.size()), firstLogicalDate));
            flushIfFull(dsl, batch);
        }
        flush(dsl, batch);
        for (int n = 0; n < runs; n++) {
            double spread = (n % 100) / 1000.0;
            batch.add(metric(dsl, n, "rmse", 0.5 + spread, firstLogicalDate));
            batch.add(metric(dsl, n, "mae", 0.4 + spread, firstLogicalDate));
            batch.add(metric(dsl, n, "r2", 0.9 - spread, firstLogicalDate));
            flushIfFull(dsl, batch);
        }
        flush(dsl, batch);
    }

    public static String runId(int n) {
        return String.format("seed-%06d", n);
    }

    private static RunsRecord run(DSLContext dsl, int n, SeedWorkflow workflow, Instant first) {
        OffsetDateTime at = Times.db(first.plusSeconds(60L * n));
        RunsRecord run = dsl.newRecord(RUNS);
        run.setRunId(runId(n));
        run.setWorkflowId(workflow.workflowId());
        run.setExperimentId(workflow.experimentId());
        run.setState(n % 4 == 3 ? "failed" : "success");
        run.setRunType(RunType.SCHEDULED.wireName());
        run.setTriggeredBy("seed");
        run.setConf("{}");
        run.setParams("{}");
        run.setLogicalDate(at);
        run.setDataIntervalStart(at);
        run.setDataIntervalEnd(at);
        run.setQueuedAt(at);
        run.setStartDate(at);
        run.setEndDate(at.plusSeconds(30));
        return run;
    }

    private static RunMetricsRecord metric(DSLContext dsl, int n, String key, double value, Instant first) {
        RunMetricsRecord metric = dsl.newRecord(RUN_METRICS);
        metric.setRunId(runId(n));
        metric.setMetricKey(key);
        metric.setStep(0L);
        metric.setMetricValue(value);
        metric.setLoggedAt(Times.db(first.plusSeconds(60L * n + 30)));
        metric.setTaskId("only");
        return metric;
    }

    private static void flushIfFull(DSLContext dsl, List<TableRecord<?>> batch) {
        if (batch.size() >= BATCH) {
            flush(dsl, batch);
        }
    }

    private static void flush(DSLContext dsl, List<TableRecord<?>> batch) {
        if (!batch.isEmpty()) {
            dsl.batchInsert(batch).execute();
            batch.clear();
        }
    }
}
