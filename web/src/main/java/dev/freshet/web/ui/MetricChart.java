package dev.freshet.web.ui;

import dev.freshet.engine.tracking.ModelVersion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** One metric of a model's versions, oldest to newest, as a line chart for an inline SVG. */
public record MetricChart(
        String metric,
        int width,
        int height,
        int left,
        int bottom,
        String line,
        List<Point> points,
        List<Tick> yTicks) {
    static final int WIDTH = 760;
    static final int HEIGHT = 220;
    static final int LEFT = 64;
    static final int RIGHT = 56;
    static final int TOP = 28;
    static final int BOTTOM = 44;

    public record Point(int x, int y, int version, String value, String date, boolean champion, String title) {}

    public record Tick(int y, String label) {}

    /** Null when no version has the metric. */
    static MetricChart of(String metric, List<ModelVersion> versions, Integer champion) {
        List<ModelVersion> withMetric = versions.stream()
                .filter(v -> v.metrics().get(metric) != null)
                .sorted(Comparator.comparingInt(ModelVersion::version))
                .toList();
        if (withMetric.isEmpty()) {
            return null;
        }
        double min = withMetric.stream()
                .mapToDouble(v -> v.metrics().get(metric))
                .min()
                .orElse(0);
        double max = withMetric.stream()
                .mapToDouble(v -> v.metrics().get(metric))
                .max()
                .orElse(0);
        if (max - min < 1e-12) {
            double pad = Math.abs(max) > 0 ? Math.abs(max) * 0.1 : 1;
            min -= pad;
            max += pad;
        } else {
            double pad = (max - min) * 0.08;
            min -= pad;
            max += pad;
        }
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        int n = withMetric.size();
        List<Point> points = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < n; i++) {
            ModelVersion v = withMetric.get(i);
            double value = v.metrics().get(metric);
            int x = LEFT + (n == 1 ? plotWidth / 2 : plotWidth * i / (n - 1));
            int y = TOP + (int) Math.round(plotHeight * (max - value) / (max - min));
            boolean isChampion = champion != null && champion == v.version();
            points.add(new Point(
                    x,
                    y,
                    v.version(),
                    Formats.number(value),
                    Formats.date(v.createdAt()),
                    isChampion,
                    "version " + v.version() + ": " + metric + " " + Formats.number(value) + ", "
                            + Formats.dateTime(v.createdAt()) + (isChampion ? " (champion)" : "")));
            line.append(i == 0 ? "M" : " L").append(x).append(' ').append(y);
        }
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            double value = max - (max - min) * i / 4;
            ticks.add(new Tick(TOP + plotHeight * i / 4, String.format(Locale.ROOT, "%.4g", value)));
        }
        return new MetricChart(metric, WIDTH, HEIGHT, LEFT, HEIGHT - BOTTOM, line.toString(), points, ticks);
    }
}
