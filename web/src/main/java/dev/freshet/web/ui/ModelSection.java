package dev.freshet.web.ui;

import dev.freshet.engine.tracking.ModelVersion;
import dev.freshet.engine.tracking.PromotionLogEntry;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** One registered model on the models page: its versions (champion marked) and its promotion log. */
public record ModelSection(String name, Integer championVersion, List<VersionRow> versions,
                           List<PromotionRow> promotions) {

    public record VersionRow(int version, boolean champion, String runId, String runHref, String source,
                             String metrics, String createdAt) {
    }

    public record PromotionRow(String loggedAt, String alias, String from, int to, String runId, String reason) {
    }

    static ModelSection of(String name, Integer champion, List<ModelVersion> versions,
                           List<PromotionLogEntry> log) {
        List<VersionRow> rows = versions.stream()
                .sorted((a, b) -> Integer.compare(b.version(), a.version()))
                .map(v -> new VersionRow(v.version(), champion != null && champion == v.version(), v.runId(),
                        "/runs/" + Formats.segment(v.runId()), v.sourceUri(), metrics(v.metrics()),
                        Formats.dateTime(v.createdAt())))
                .toList();
        List<PromotionRow> promotions = log.stream()
                .sorted((a, b) -> Long.compare(b.id(), a.id()))
                .map(e -> new PromotionRow(Formats.dateTime(e.loggedAt()), e.alias(),
                        e.fromVersion() == null ? "" : String.valueOf(e.fromVersion()), e.toVersion(),
                        e.runId() == null ? "" : e.runId(), e.reason()))
                .toList();
        return new ModelSection(name, champion, rows, promotions);
    }

    private static String metrics(Map<String, Double> metrics) {
        return metrics.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + Formats.number(e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
