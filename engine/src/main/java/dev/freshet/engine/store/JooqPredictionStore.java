package dev.freshet.engine.store;

import dev.freshet.engine.monitoring.DailyPerformance;
import dev.freshet.engine.monitoring.FeedbackResult;
import dev.freshet.engine.monitoring.Label;
import dev.freshet.engine.monitoring.LabelledPrediction;
import dev.freshet.engine.monitoring.LoggedFeatures;
import dev.freshet.engine.monitoring.PackedSegment;
import dev.freshet.engine.monitoring.PredictionIds;
import dev.freshet.engine.monitoring.PredictionSegment;
import dev.freshet.engine.monitoring.PredictionStore;
import dev.freshet.engine.monitoring.VersionPerformance;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.DatePart;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Record4;
import org.jooq.Record6;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import static dev.freshet.engine.store.generated.Tables.PREDICTION_LABELS;
import static dev.freshet.engine.store.generated.Tables.PREDICTION_LOG;
import static dev.freshet.engine.store.generated.Tables.PREDICTION_SEGMENTS;

/**
 * The prediction log in segments ({@link PredictionSegment}) and its labels in our tables, through jOOQ. A label
 * copies its prediction's row out of the log when it is joined, so realized errors are summed by the database over
 * the labels alone. Rows of the older one-row-per-prediction {@code prediction_log} can still be labelled.
 */
public final class JooqPredictionStore implements PredictionStore {
    private static final int IDS_PER_QUERY = 1_000;
    private static final int SEGMENTS_PER_QUERY = 50;
    private static final double SECONDS_PER_DAY = 86_400;

    private final DSLContext dsl;
    private final String insertSql;

    public JooqPredictionStore(Database database) {
        this.dsl = database.dsl();
        this.insertSql = dsl.render(dsl.insertInto(
                        PREDICTION_SEGMENTS,
                        PREDICTION_SEGMENTS.ID_PREFIX,
                        PREDICTION_SEGMENTS.FIRST_COUNTER,
                        PREDICTION_SEGMENTS.LAST_COUNTER,
                        PREDICTION_SEGMENTS.MODEL_NAME,
                        PREDICTION_SEGMENTS.MODEL_VERSION,
                        PREDICTION_SEGMENTS.FIRST_AT,
                        PREDICTION_SEGMENTS.LAST_AT,
                        PREDICTION_SEGMENTS.ROW_COUNT,
                        PREDICTION_SEGMENTS.FEATURE_COUNT,
                        PREDICTION_SEGMENTS.ROWS_PACKED)
                .values((String) null, null, null, null, null, null, null, null, null, null));
    }

    /** The segments in one transaction as one JDBC batch. */
    @Override
    public void write(List<PackedSegment> segments) {
        if (segments.isEmpty()) {
            return;
        }
        dsl.transaction(transaction -> transaction.dsl().connection(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(insertSql)) {
                for (PackedSegment segment : segments) {
                    insert.setString(1, segment.prefix());
                    insert.setLong(2, segment.first());
                    insert.setLong(3, segment.last());
                    insert.setString(4, segment.model());
                    insert.setInt(5, segment.version());
                    insert.setObject(6, Times.db(segment.firstAt()));
                    insert.setObject(7, Times.db(segment.lastAt()));
                    insert.setInt(8, segment.rows());
                    insert.setInt(9, segment.featureCount());
                    insert.setBytes(10, segment.data());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }));
    }

    /** A logged prediction as a label copies it. */
    private record Logged(int version, OffsetDateTime at, String features, double prediction) {}

    @Override
    public FeedbackResult join(String model, List<Label> labels, Instant receivedAt) {
        Map<String, Double> latest = new LinkedHashMap<>();
        labels.forEach(label -> latest.put(label.predictionId(), label.label())); // a later duplicate wins
        return dsl.transactionResult(transaction -> {
            DSLContext tx = transaction.dsl();
            Map<String, Logged> known = new HashMap<>();
            List<String> unresolved = new ArrayList<>();
            Map<String, TreeMap<Long, String>> byPrefix = new HashMap<>();
            for (String id : latest.keySet()) {
                Optional<PredictionIds.Parsed> parsed = PredictionIds.parse(id);
                if (parsed.isPresent()) {
                    byPrefix.computeIfAbsent(parsed.get().prefix(), p -> new TreeMap<>())
                            .put(parsed.get().counter(), id);
                } else {
                    unresolved.add(id);
                }
            }
            byPrefix.forEach((prefix, ids) -> findInSegments(tx, model, prefix, ids, known, unresolved));
            findInOldLog(tx, model, unresolved, known);

            OffsetDateTime at = Times.db(receivedAt);
            List<Query> upserts = new ArrayList<>();
            for (Map.Entry<String, Double> entry : latest.entrySet()) {
                Logged logged = known.get(entry.getKey());
                if (logged != null) {
                    upserts.add(tx.insertInto(
                                    PREDICTION_LABELS,
                                    PREDICTION_LABELS.PREDICTION_ID,
                                    PREDICTION_LABELS.MODEL_NAME,
                                    PREDICTION_LABELS.MODEL_VERSION,
                                    PREDICTION_LABELS.PREDICTED_AT,
                                    PREDICTION_LABELS.FEATURES,
                                    PREDICTION_LABELS.PREDICTION,
                                    PREDICTION_LABELS.LABEL,
                                    PREDICTION_LABELS.RECEIVED_AT)
                            .values(
                                    entry.getKey(),
                                    model,
                                    logged.version(),
                                    logged.at(),
                                    logged.features(),
                                    logged.prediction(),
                                    entry.getValue(),
                                    at)
                            .onConflict(PREDICTION_LABELS.PREDICTION_ID)
                            .doUpdate()
                            .set(PREDICTION_LABELS.LABEL, entry.getValue())
                            .set(PREDICTION_LABELS.RECEIVED_AT, at));
                }
            }
            if (!upserts.isEmpty()) {
                tx.batch(upserts).execute();
            }
            int joined = (int) labels.stream()
                    .filter(label -> known.containsKey(label.predictionId()))
                    .count();
            return new FeedbackResult(joined, labels.size() - joined);
        });
    }

    /**
     * Finds the wanted counters of one id prefix: first the keys of the segments that may hold any of them (one
     * query), then the rows of just the segments that hold one (a query per chunk of them). Ids not found go to
     * {@code unresolved}.
     */
    private static void findInSegments(
            DSLContext tx,
            String model,
            String prefix,
            TreeMap<Long, String> wanted,
            Map<String, Logged> known,
            List<String> unresolved) {
        long low = wanted.firstKey();
        long high = wanted.lastKey();
        TreeMap<Long, Long> lastByFirst = new TreeMap<>();
        tx.select(PREDICTION_SEGMENTS.FIRST_COUNTER, PREDICTION_SEGMENTS.LAST_COUNTER)
                .from(PREDICTION_SEGMENTS)
                .where(PREDICTION_SEGMENTS.ID_PREFIX.eq(prefix))
                .and(PREDICTION_SEGMENTS.FIRST_COUNTER.between(low - PredictionSegment.MAX_SPAN, high))
                .and(PREDICTION_SEGMENTS.LAST_COUNTER.ge(low))
                .and(PREDICTION_SEGMENTS.MODEL_NAME.eq(model))
                .forEach(key -> lastByFirst.put(key.value1(), key.value2()));
        Set<Long> needed = new TreeSet<>();
        for (long counter : wanted.keySet()) {
            for (Map.Entry<Long, Long> segment : lastByFirst
                    .subMap(counter - PredictionSegment.MAX_SPAN, true, counter, true)
                    .entrySet()) {
                if (segment.getValue() >= counter) {
                    needed.add(segment.getKey());
                }
            }
        }
        List<Long> firsts = new ArrayList<>(needed);
        StringBuilder json = new StringBuilder();
        for (int from = 0; from < firsts.size(); from += SEGMENTS_PER_QUERY) {
            List<Long> chunk = firsts.subList(from, Math.min(firsts.size(), from + SEGMENTS_PER_QUERY));
            for (Record segment : tx.select()
                    .from(PREDICTION_SEGMENTS)
                    .where(PREDICTION_SEGMENTS.ID_PREFIX.eq(prefix))
                    .and(PREDICTION_SEGMENTS.FIRST_COUNTER.in(chunk))
                    .fetch()) {
                int version = segment.get(PREDICTION_SEGMENTS.MODEL_VERSION);
                for (PredictionSegment.Row row : rows(segment)) {
                    String id = wanted.remove(row.counter());
                    if (id != null) {
                        known.put(
                                id,
                                new Logged(version, Times.db(row.at()), json(row.features(), json), row.prediction()));
                    }
                }
            }
        }
        unresolved.addAll(wanted.values());
    }

    /** A segment's rows, from its bytes, or from its base64 text if it was written before the binary column. */
    private static PredictionSegment.Row[] rows(Record segment) {
        byte[] packed = segment.get(PREDICTION_SEGMENTS.ROWS_PACKED);
        long first = segment.get(PREDICTION_SEGMENTS.FIRST_COUNTER);
        Instant firstAt = segment.get(PREDICTION_SEGMENTS.FIRST_AT).toInstant();
        int rows = segment.get(PREDICTION_SEGMENTS.ROW_COUNT);
        int featureCount = segment.get(PREDICTION_SEGMENTS.FEATURE_COUNT);
        return packed != null
                ? PredictionSegment.read(packed, first, firstAt, rows, featureCount)
                : PredictionSegment.readBase64(
                        segment.get(PREDICTION_SEGMENTS.ROWS_DATA), first, firstAt, rows, featureCount);
    }

    private static void findInOldLog(DSLContext tx, String model, List<String> ids, Map<String, Logged> known) {
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
            tx.select(
                            PREDICTION_LOG.PREDICTION_ID,
                            PREDICTION_LOG.MODEL_VERSION,
                            PREDICTION_LOG.PREDICTED_AT,
                            PREDICTION_LOG.FEATURES,
                            PREDICTION_LOG.PREDICTION)
                    .from(PREDICTION_LOG)
                    .where(PREDICTION_LOG.MODEL_NAME.eq(model).and(PREDICTION_LOG.PREDICTION_ID.in(chunk)))
                    .forEach(row -> known.put(
                            row.value1(), new Logged(row.value2(), row.value3(), row.value4(), row.value5())));
        }
    }

    static String json(double[] values, StringBuilder out) {
        out.setLength(0);
        out.append('[');
        for (int j = 0; j < values.length; j++) {
            out.append(j == 0 ? "" : ",").append(values[j]);
        }
        return out.append(']').toString();
    }

    @Override
    public List<VersionPerformance> performance(String model, Optional<Instant> since) {
        Field<Double> error = PREDICTION_LABELS.PREDICTION.minus(PREDICTION_LABELS.LABEL);
        Condition where = PREDICTION_LABELS.MODEL_NAME.eq(model);
        if (since.isPresent()) {
            where = where.and(PREDICTION_LABELS.PREDICTED_AT.ge(Times.db(since.get())));
        }
        // read as doubles: an infinite prediction makes an infinite sum, which a BigDecimal cannot hold
        return dsl.select(
                        PREDICTION_LABELS.MODEL_VERSION,
                        DSL.count(),
                        DSL.sum(error.times(error)).coerce(SQLDataType.DOUBLE),
                        DSL.sum(DSL.abs(error)).coerce(SQLDataType.DOUBLE))
                .from(PREDICTION_LABELS)
                .where(where)
                .groupBy(PREDICTION_LABELS.MODEL_VERSION)
                .orderBy(PREDICTION_LABELS.MODEL_VERSION)
                .fetch(JooqPredictionStore::toPerformance);
    }

    /**
     * Grouped by the UTC day of prediction time as whole days since the epoch, from the time's epoch seconds: neither
     * database's session time zone takes part.
     */
    @Override
    public List<DailyPerformance> dailyPerformance(String model, Optional<Instant> since) {
        Field<Double> error = PREDICTION_LABELS.PREDICTION.minus(PREDICTION_LABELS.LABEL);
        // the divisor inlined: GROUP BY repeats the expression, and PostgreSQL matches it only without parameters
        Field<Long> epochDay = DSL.floor(DSL.extract(PREDICTION_LABELS.PREDICTED_AT, DatePart.EPOCH)
                        .coerce(SQLDataType.DOUBLE)
                        .div(DSL.inline(SECONDS_PER_DAY)))
                .cast(SQLDataType.BIGINT);
        Condition where = PREDICTION_LABELS.MODEL_NAME.eq(model);
        if (since.isPresent()) {
            where = where.and(PREDICTION_LABELS.PREDICTED_AT.ge(Times.db(since.get())));
        }
        return dsl.select(
                        PREDICTION_LABELS.MODEL_VERSION,
                        epochDay,
                        DSL.count(),
                        DSL.sum(error.times(error)).coerce(SQLDataType.DOUBLE),
                        DSL.sum(DSL.abs(error)).coerce(SQLDataType.DOUBLE))
                .from(PREDICTION_LABELS)
                .where(where)
                .groupBy(PREDICTION_LABELS.MODEL_VERSION, epochDay)
                .orderBy(PREDICTION_LABELS.MODEL_VERSION, epochDay)
                .fetch(row -> {
                    long labels = row.value3();
                    return new DailyPerformance(
                            LocalDate.ofEpochDay(row.value2()),
                            row.value1(),
                            labels,
                            Math.sqrt(row.value4() / labels),
                            row.value5() / labels);
                });
    }

    private static VersionPerformance toPerformance(Record4<Integer, Integer, Double, Double> row) {
        long labels = row.value2();
        double squared = row.value3();
        double absolute = row.value4();
        return new VersionPerformance(row.value1(), labels, Math.sqrt(squared / labels), absolute / labels);
    }

    @Override
    public List<String> loggedModels() {
        return dsl.selectDistinct(PREDICTION_SEGMENTS.MODEL_NAME)
                .from(PREDICTION_SEGMENTS)
                .orderBy(PREDICTION_SEGMENTS.MODEL_NAME)
                .fetch(PREDICTION_SEGMENTS.MODEL_NAME);
    }

    @Override
    public void labelled(String model, Optional<Instant> since, Consumer<LabelledPrediction> each) {
        Condition where = PREDICTION_LABELS.MODEL_NAME.eq(model);
        if (since.isPresent()) {
            where = where.and(PREDICTION_LABELS.PREDICTED_AT.ge(Times.db(since.get())));
        }
        try (Cursor<Record6<String, Integer, OffsetDateTime, String, Double, Double>> rows = dsl.select(
                        PREDICTION_LABELS.PREDICTION_ID,
                        PREDICTION_LABELS.MODEL_VERSION,
                        PREDICTION_LABELS.PREDICTED_AT,
                        PREDICTION_LABELS.FEATURES,
                        PREDICTION_LABELS.PREDICTION,
                        PREDICTION_LABELS.LABEL)
                .from(PREDICTION_LABELS)
                .where(where)
                .orderBy(PREDICTION_LABELS.PREDICTION_ID)
                .fetchSize(IDS_PER_QUERY)
                .fetchLazy()) {
            for (Record6<String, Integer, OffsetDateTime, String, Double, Double> row : rows) {
                each.accept(new LabelledPrediction(
                        row.value1(),
                        row.value2(),
                        Times.instant(row.value3()),
                        features(row.value4()),
                        row.value5(),
                        row.value6()));
            }
        }
    }

    /** The JSON array {@link #json} wrote. */
    private static double[] features(String json) {
        String inner = json.substring(1, json.length() - 1);
        if (inner.isEmpty()) {
            return new double[0];
        }
        String[] parts = inner.split(",");
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Double.parseDouble(parts[i]);
        }
        return values;
    }

    @Override
    public List<String> labelledModels() {
        return dsl.selectDistinct(PREDICTION_LABELS.MODEL_NAME)
                .from(PREDICTION_LABELS)
                .orderBy(PREDICTION_LABELS.MODEL_NAME)
                .fetch(PREDICTION_LABELS.MODEL_NAME);
    }

    @Override
    public long logged(String model) {
        Long packed = dsl.select(DSL.sum(PREDICTION_SEGMENTS.ROW_COUNT).coerce(SQLDataType.BIGINT))
                .from(PREDICTION_SEGMENTS)
                .where(PREDICTION_SEGMENTS.MODEL_NAME.eq(model))
                .fetchOne(0, Long.class);
        return (packed == null ? 0 : packed) + dsl.fetchCount(PREDICTION_LOG, PREDICTION_LOG.MODEL_NAME.eq(model));
    }

    /** The newest segments first, each row at or after {@code since}, until {@code maxRows} rows. */
    @Override
    public List<LoggedFeatures> recentFeatures(String model, Optional<Instant> since, int maxRows) {
        Condition where = PREDICTION_SEGMENTS.MODEL_NAME.eq(model);
        if (since.isPresent()) {
            where = where.and(PREDICTION_SEGMENTS.LAST_AT.ge(Times.db(since.get())));
        }
        List<LoggedFeatures> out = new ArrayList<>();
        int taken = 0;
        try (var cursor = dsl.select()
                .from(PREDICTION_SEGMENTS)
                .where(where)
                .orderBy(PREDICTION_SEGMENTS.LAST_AT.desc())
                .fetchSize(16)
                .fetchLazy()) {
            while (taken < maxRows && cursor.hasNext()) {
                Record segment = cursor.fetchNext();
                int version = segment.get(PREDICTION_SEGMENTS.MODEL_VERSION);
                for (PredictionSegment.Row row : rows(segment)) {
                    if (taken < maxRows && (since.isEmpty() || !row.at().isBefore(since.get()))) {
                        out.add(new LoggedFeatures(version, row.at(), row.features()));
                        taken++;
                    }
                }
            }
        }
        return out;
    }
}
