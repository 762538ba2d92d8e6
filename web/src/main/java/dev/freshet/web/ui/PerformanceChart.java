package dev.freshet.web.ui;

import dev.freshet.engine.monitoring.DailyPerformance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Realized RMSE (solid) and MAE (dashed) per UTC day of prediction time, a line of each per model version, for an
 * inline SVG; the x axis holds every day with labels, the y axis starts at 0. The legend names one colour per version
 * and grows the chart when there are many.
 */
public record PerformanceChart(
        int width,
        int height,
        int left,
        int right,
        int bottom,
        List<Series> series,
        List<Tick> xTicks,
        List<Tick> yTicks) {
    static final int WIDTH = 760;
    static final int HEIGHT = 240;
    static final int LEFT = 64;
    static final int RIGHT = 120;
    static final int TOP = 20;
    static final int BOTTOM = 40;
    private static final int COLOURS = 6;
    private static final int LEGEND_LINE = 16;

    /** One metric of one version: its path and points, its colour by version, and its legend (the RMSE line's only). */
    public record Series(
            int version, String metric, String path, List<Point> points, int colour, int legendY, String legend) {}

    /** A day's figure, with the hover title naming version, day, metric, value and labels. */
    public record Point(int x, int y, String day, String value, long labels, String title) {}

    public record Tick(int at, String label) {}

    /** Null when no prediction has a label. */
    static PerformanceChart of(List<DailyPerformance> days) {
        if (days.isEmpty()) {
            return null;
        }
        List<LocalDate> axis =
                List.copyOf(days.stream().map(DailyPerformance::day).collect(Collectors.toCollection(TreeSet::new)));
        double max = days.stream()
                .mapToDouble(d -> Math.max(d.rmse(), d.mae()))
                .max()
                .orElse(0);
        max = max > 0 ? max * 1.08 : 1;
        int versions = (int)
                days.stream().mapToInt(DailyPerformance::version).distinct().count();
        int height = Math.max(HEIGHT, TOP + LEGEND_LINE * (versions + 2) + BOTTOM);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = height - TOP - BOTTOM;
        int n = axis.size();
        Map<Integer, List<DailyPerformance>> byVersion = days.stream()
                .collect(Collectors.groupingBy(DailyPerformance::version, TreeMap::new, Collectors.toList()));
        List<Series> series = new ArrayList<>();
        int legend = 2; // below "solid: RMSE" and "dashed: MAE"
        for (var entry : byVersion.entrySet()) {
            for (String metric : List.of("rmse", "mae")) {
                List<Point> points = new ArrayList<>();
                StringBuilder path = new StringBuilder();
                for (DailyPerformance d : entry.getValue()) {
                    double value = metric.equals("rmse") ? d.rmse() : d.mae();
                    int i = axis.indexOf(d.day());
                    int x = LEFT + (n == 1 ? plotWidth / 2 : plotWidth * i / (n - 1));
                    int y = TOP + (int) Math.round(plotHeight * (max - value) / max);
                    String shown = Formats.number(value);
                    points.add(new Point(
                            x,
                            y,
                            d.day().toString(),
                            shown,
                            d.labels(),
                            "version " + d.version() + ", " + d.day() + ": " + metric + " " + shown + " over "
                                    + d.labels() + " label(s)"));
                    path.append(path.isEmpty() ? "M" : " L")
                            .append(x)
                            .append(' ')
                            .append(y);
                }
                series.add(new Series(
                        entry.getKey(),
                        metric,
                        path.toString(),
                        points,
                        (entry.getKey() - 1) % COLOURS,
                        TOP + 8 + LEGEND_LINE * legend,
                        metric.equals("rmse") ? "version " + entry.getKey() : null));
            }
            legend++;
        }
        List<Tick> xTicks = new ArrayList<>();
        int every = Math.max(1, (n + 7) / 8); // at most about 8 day labels
        for (int i = 0; i < n; i += every) {
            xTicks.add(new Tick(
                    LEFT + (n == 1 ? plotWidth / 2 : plotWidth * i / (n - 1)),
                    axis.get(i).toString()));
        }
        List<Tick> yTicks = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            yTicks.add(new Tick(TOP + plotHeight * i / 4, String.format(Locale.ROOT, "%.3g", max - max * i / 4)));
        }
        return new PerformanceChart(WIDTH, height, LEFT, WIDTH - RIGHT, height - BOTTOM, series, xTicks, yTicks);
    }
}
