package dev.freshet.web.ui;

import dev.freshet.engine.Engine;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunQuery;
import dev.freshet.engine.tracking.Experiment;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Experiments like MLflow shows them: each one's runs as a table with a column per param and metric, sortable by any
 * column, and two runs compared side by side.
 */
final class ExperimentPages {
    /** Sorting happens here over the newest runs of the experiment; the store has no order-by-metric query yet. */
    static final int MAX_RUNS = 500;

    private final Engine engine;
    private final Pages pages;

    ExperimentPages(Engine engine, Pages pages) {
        this.engine = engine;
        this.pages = pages;
    }

    public record ExperimentRow(long id, String name, String created, long runs, String href) {}

    /** A run as a row of the experiment table: values by column key ({@code param.alpha}, {@code metric.rmse}). */
    public record RunColumns(
            String runId,
            String href,
            String workflowId,
            String state,
            String start,
            String duration,
            Map<String, String> values,
            Map<String, Double> numbers) {}

    public record Column(String key, String label, String kind, String href, String arrow) {}

    public record CompareRow(String label, String left, String right, boolean differs, String delta) {}

    /** Every experiment, oldest first. */
    record ExperimentList(List<ExperimentRow> experiments) {}

    /** An experiment's runs; {@code capped} when it has more than the newest {@code maxRuns} shown. */
    record ExperimentTable(
            ExperimentRow experiment,
            List<Column> columns,
            int paramCount,
            int metricCount,
            List<RunColumns> rows,
            boolean capped,
            int maxRuns) {}

    /** Two runs side by side: their facts, params and metrics, a row each. */
    record Comparison(
            RunRow left, RunRow right, List<CompareRow> facts, List<CompareRow> params, List<CompareRow> metrics) {}

    void list(Context ctx) {
        List<ExperimentRow> rows = engine.tracking().experiments().stream()
                .sorted(Comparator.comparing(Experiment::id))
                .map(e -> new ExperimentRow(
                        e.id(),
                        e.name(),
                        Formats.dateTime(e.createdAt()),
                        engine.runs()
                                .runs(new RunQuery(null, null, e.id(), 1, 0))
                                .totalEntries(),
                        "/experiments/" + e.id()))
                .toList();
        pages.page(ctx, "experiments", "experiments", new ExperimentList(rows));
    }

    void runs(Context ctx) {
        long id = experimentId(ctx);
        Experiment experiment = engine.tracking().experiment(id);
        String sort = ctx.queryParam("sort") == null ? "start" : ctx.queryParam("sort");
        boolean descending = !"asc".equals(ctx.queryParam("order"));
        Instant now = engine.config().clock().instant();
        List<Run> runs =
                engine.runs().runs(new RunQuery(null, null, id, MAX_RUNS, 0)).runs();
        TreeSet<String> paramKeys = new TreeSet<>();
        TreeSet<String> metricKeys = new TreeSet<>(Formats.METRIC_ORDER);
        List<RunColumns> rows = new ArrayList<>();
        List<String> runIds = runs.stream().map(Run::runId).toList();
        Map<String, Map<String, String>> params = engine.tracking().params(runIds);
        Map<String, Map<String, Double>> metrics = engine.tracking().metrics(runIds);
        for (Run run : runs) {
            Map<String, String> values = new LinkedHashMap<>();
            Map<String, Double> numbers = new LinkedHashMap<>();
            params.getOrDefault(run.runId(), Map.of()).forEach((k, v) -> {
                paramKeys.add(k);
                values.put("param." + k, v);
                numeric(v).ifPresent(n -> numbers.put("param." + k, n));
            });
            metrics.getOrDefault(run.runId(), Map.of()).forEach((k, v) -> {
                metricKeys.add(k);
                values.put("metric." + k, Formats.number(v));
                numbers.put("metric." + k, v);
            });
            values.put("state", run.state().wireName());
            values.put("start", Formats.dateTime(run.startDate() != null ? run.startDate() : run.queuedAt()));
            rows.add(new RunColumns(
                    run.runId(),
                    Formats.runHref(run.runId()),
                    run.workflowId(),
                    run.state().wireName(),
                    Formats.dateTime(run.startDate()),
                    Formats.duration(run.startDate(), run.endDate(), now),
                    values,
                    numbers));
        }
        // A run without some param or metric shows an empty cell: every row has a value for every column.
        rows.forEach(row -> Stream.concat(
                        paramKeys.stream().map(k -> "param." + k),
                        metricKeys.stream().map(k -> "metric." + k))
                .forEach(key -> row.values().putIfAbsent(key, "")));
        rows.sort(comparator(sort, descending));
        String base = "/experiments/" + id;
        List<Column> columns = new ArrayList<>();
        columns.add(column(base, "start", "Start", "fact", sort, descending));
        columns.add(column(base, "state", "State", "fact", sort, descending));
        // Metrics before params, rmse, mae and r2 first: what a run scored stays in view however many columns follow.
        metricKeys.forEach(k -> columns.add(column(base, "metric." + k, k, "metric", sort, descending)));
        paramKeys.forEach(k -> columns.add(column(base, "param." + k, k, "param", sort, descending)));
        ExperimentRow heading = new ExperimentRow(
                experiment.id(), experiment.name(), Formats.dateTime(experiment.createdAt()), rows.size(), base);
        pages.page(
                ctx,
                "experiment",
                "experiments",
                new ExperimentTable(
                        heading,
                        columns,
                        paramKeys.size(),
                        metricKeys.size(),
                        rows,
                        runs.size() == MAX_RUNS,
                        MAX_RUNS));
    }

    /** {@code ?runs=A&runs=B}: two runs side by side, differing values marked. */
    void compare(Context ctx) {
        List<String> ids = ctx.queryParams("runs");
        if (ids.size() != 2) {
            throw new InvalidInputException("runs: pick exactly two runs to compare, got " + ids.size());
        }
        Run left = engine.runs().run(ids.get(0));
        Run right = engine.runs().run(ids.get(1));
        Instant now = engine.config().clock().instant();
        List<CompareRow> facts = List.of(
                row("Workflow", left.workflowId(), right.workflowId()),
                row("State", left.state().wireName(), right.state().wireName()),
                row("Logical date", Formats.dateTime(left.logicalDate()), Formats.dateTime(right.logicalDate())),
                row("Start", Formats.dateTime(left.startDate()), Formats.dateTime(right.startDate())),
                row(
                        "Duration",
                        Formats.duration(left.startDate(), left.endDate(), now),
                        Formats.duration(right.startDate(), right.endDate(), now)));
        Map<String, String> leftParams = engine.tracking().params(left.runId());
        Map<String, String> rightParams = engine.tracking().params(right.runId());
        TreeSet<String> paramKeys = new TreeSet<>(leftParams.keySet());
        paramKeys.addAll(rightParams.keySet());
        List<CompareRow> params = paramKeys.stream()
                .map(k -> row(k, leftParams.getOrDefault(k, ""), rightParams.getOrDefault(k, "")))
                .toList();
        Map<String, Double> leftMetrics = new TreeMap<>(engine.tracking().metrics(left.runId()));
        Map<String, Double> rightMetrics = engine.tracking().metrics(right.runId());
        TreeSet<String> metricKeys = new TreeSet<>(leftMetrics.keySet());
        metricKeys.addAll(rightMetrics.keySet());
        List<CompareRow> metrics = metricKeys.stream()
                .map(k -> {
                    Double a = leftMetrics.get(k);
                    Double b = rightMetrics.get(k);
                    String delta = a == null || b == null ? "" : (b - a >= 0 ? "+" : "") + Formats.number(b - a);
                    return new CompareRow(k, Formats.number(a), Formats.number(b), a == null || !a.equals(b), delta);
                })
                .toList();
        pages.page(
                ctx,
                "compare",
                "experiments",
                new Comparison(
                        RunRow.of(left, Map.of(), now), RunRow.of(right, Map.of(), now), facts, params, metrics));
    }

    private static CompareRow row(String label, String left, String right) {
        return new CompareRow(label, left, right, !left.equals(right), "");
    }

    private static Column column(String base, String key, String label, String kind, String sort, boolean desc) {
        boolean active = key.equals(sort);
        String order = active && desc ? "asc" : "desc";
        return new Column(
                key,
                label,
                kind,
                base + "?sort=" + Formats.segment(key) + "&order=" + order,
                active ? (desc ? "▼" : "▲") : "");
    }

    /** Numbers compare as numbers, text as text; runs without the value go last either way. */
    private static Comparator<RunColumns> comparator(String key, boolean descending) {
        return (a, b) -> {
            Double na = a.numbers().get(key);
            Double nb = b.numbers().get(key);
            String sa = a.values().get(key);
            String sb = b.values().get(key);
            boolean missingA = sa == null || sa.isEmpty();
            boolean missingB = sb == null || sb.isEmpty();
            if (missingA || missingB) {
                return Boolean.compare(missingA, missingB);
            }
            int c = na != null && nb != null ? Double.compare(na, nb) : sa.compareTo(sb);
            return descending ? -c : c;
        };
    }

    private static Optional<Double> numeric(String text) {
        try {
            return Optional.of(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static long experimentId(Context ctx) {
        String raw = ctx.pathParam("experiment_id");
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("experiment_id: expected a number, got '"
                    + (raw.length() > 40 ? raw.substring(0, 37) + "..." : raw) + "'");
        }
    }
}
