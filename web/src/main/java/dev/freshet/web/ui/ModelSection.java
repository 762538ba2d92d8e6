package dev.freshet.web.ui;

import dev.freshet.engine.monitoring.DailyPerformance;
import dev.freshet.engine.monitoring.DriftReport;
import dev.freshet.engine.monitoring.VersionPerformance;
import dev.freshet.engine.tracking.ModelVersion;
import dev.freshet.engine.tracking.PromotionLogEntry;

import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

import static dev.freshet.engine.tracking.ModelRegistry.CHAMPION;

/**
 * One registered model on the models page: versions newest first with a column per metric (champion marked), a
 * chart of one metric over the versions, the promotion log, the realized errors of labelled predictions per
 * version (a table, and a chart per day), the live feature drift against the champion's training data (a table, and a
 * chart of each feature's PSI against the gate's threshold), and whether the champion can be rolled back.
 */
public record ModelSection(
        String name,
        String anchor,
        Integer championVersion,
        List<String> metricKeys,
        List<VersionRow> versions,
        List<PromotionRow> promotions,
        MetricChart chart,
        List<ChartChoice> chartChoices,
        boolean canRollback,
        String promoteHref,
        String rollbackHref,
        List<LiveRow> live,
        String liveNote,
        PerformanceChart liveChart,
        DriftTable drift,
        DriftChart driftChart) {

    /** Live feature drift against the champion's training data: a row per feature, or why there is none. */
    public record DriftTable(
            String note, int rows, int version, String share, boolean datasetDrift, List<DriftRow> features) {
        static DriftTable of(DriftReport report) {
            return new DriftTable(
                    report.status() == DriftReport.Status.OK ? null : report.note(),
                    report.rows(),
                    report.version(),
                    Formats.number(report.driftedShare()),
                    report.datasetDrift(),
                    report.features().stream()
                            .map(f -> new DriftRow(
                                    f.feature(),
                                    Formats.number(f.ksStatistic()),
                                    Formats.number(f.ksPValue()),
                                    Formats.number(f.psi()),
                                    f.drifted()))
                            .toList());
        }
    }

    public record DriftRow(String feature, String ksStatistic, String ksPValue, String psi, boolean drifted) {}

    /** Realized errors of one version over the predictions that got a label (feedback). */
    public record LiveRow(int version, long labels, String rmse, String mae, String holdoutRmse) {}

    public record VersionRow(
            int version,
            boolean champion,
            String runId,
            String runHref,
            String source,
            List<String> metrics,
            String createdAt) {}

    public record PromotionRow(
            String loggedAt, String alias, String from, int to, String runId, String runHref, String reason) {}

    public record ChartChoice(String metric, String href, boolean selected) {}

    static ModelSection of(
            String name,
            Integer champion,
            List<ModelVersion> versions,
            List<PromotionLogEntry> log,
            String chartMetric,
            List<VersionPerformance> performance,
            List<DailyPerformance> daily,
            long logged,
            DriftReport drift,
            double psiThreshold) {
        TreeSet<String> keys = new TreeSet<>();
        versions.forEach(v -> keys.addAll(v.metrics().keySet()));
        List<String> metricKeys = List.copyOf(keys);
        List<VersionRow> rows = versions.stream()
                .sorted(Comparator.comparingInt(ModelVersion::version).reversed())
                .map(v -> new VersionRow(
                        v.version(),
                        champion != null && champion == v.version(),
                        v.runId(),
                        Formats.runHref(v.runId()),
                        v.sourceUri(),
                        metricKeys.stream()
                                .map(k -> Formats.number(v.metrics().get(k)))
                                .toList(),
                        Formats.dateTime(v.createdAt())))
                .toList();
        List<PromotionRow> promotions = log.stream()
                .sorted(Comparator.comparingLong(PromotionLogEntry::id).reversed())
                .map(e -> new PromotionRow(
                        Formats.dateTime(e.loggedAt()),
                        e.alias(),
                        e.fromVersion() == null ? "" : String.valueOf(e.fromVersion()),
                        e.toVersion(),
                        e.runId() == null ? "" : e.runId(),
                        e.runId() == null ? null : Formats.runHref(e.runId()),
                        Formats.shortDecimals(e.reason())))
                .toList();
        String metric = chartMetric != null && keys.contains(chartMetric)
                ? chartMetric
                : keys.contains("rmse") ? "rmse" : keys.isEmpty() ? null : keys.first();
        String anchor = "model-" + Formats.segment(name);
        List<ChartChoice> choices = metricKeys.stream()
                .map(k -> new ChartChoice(
                        k,
                        "/models?" + Formats.segment(name) + "=" + Formats.segment(k) + "#" + anchor,
                        k.equals(metric)))
                .toList();
        boolean canRollback = champion != null
                && log.stream()
                        .filter(e -> e.alias().equals(CHAMPION))
                        .reduce((first, second) -> second)
                        .map(last -> last.toVersion() == champion && last.fromVersion() != null)
                        .orElse(false);
        String base = "/ui/models/" + Formats.segment(name);
        return new ModelSection(
                name,
                anchor,
                champion,
                metricKeys,
                rows,
                promotions,
                metric == null ? null : MetricChart.of(metric, versions, champion),
                choices,
                canRollback,
                base + "/promote",
                base + "/rollback",
                live(performance, versions),
                liveNote(name, performance, logged),
                PerformanceChart.of(daily),
                DriftTable.of(drift),
                DriftChart.of(drift, psiThreshold));
    }

    /** Why there is no live performance to show, or null. */
    private static String liveNote(String name, List<VersionPerformance> performance, long logged) {
        if (!performance.isEmpty()) {
            return null;
        }
        String segment = Formats.segment(name);
        return logged == 0
                ? "no traffic yet: no prediction of this model is in the log (score it at /models/" + segment
                        + "/invocations with the prediction log on)"
                : "no labels yet: " + logged
                        + " logged prediction(s), none with ground truth; post it to /api/v1/models/" + segment
                        + "/feedback";
    }

    private static List<LiveRow> live(List<VersionPerformance> performance, List<ModelVersion> versions) {
        return performance.stream()
                .sorted(Comparator.comparingInt(VersionPerformance::version).reversed())
                .map(p -> new LiveRow(
                        p.version(),
                        p.labels(),
                        Formats.number(p.rmse()),
                        Formats.number(p.mae()),
                        versions.stream()
                                .filter(v -> v.version() == p.version())
                                .findFirst()
                                .map(v -> Formats.number(v.metrics().get("rmse")))
                                .orElse("")))
                .toList();
    }
}
