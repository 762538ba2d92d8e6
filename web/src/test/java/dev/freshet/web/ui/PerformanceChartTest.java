package dev.freshet.web.ui;

import dev.freshet.engine.monitoring.DailyPerformance;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PerformanceChartTest {
    private static final LocalDate MONDAY = LocalDate.parse("2026-03-02");
    private static final LocalDate WEDNESDAY = LocalDate.parse("2026-03-04");

    @Test
    void eachVersionHasAnRmseAndAnMaeLineOverTheDaysItHasLabels() {
        PerformanceChart chart = PerformanceChart.of(List.of(
                new DailyPerformance(MONDAY, 1, 10, 0.5, 0.4),
                new DailyPerformance(WEDNESDAY, 1, 4, 1.0, 0.8),
                new DailyPerformance(WEDNESDAY, 2, 6, 0.3, 0.2)));

        assertThat(chart.series())
                .extracting(s ->
                        "v" + s.version() + " " + s.metric() + " " + s.points().size())
                .containsExactly("v1 rmse 2", "v1 mae 2", "v2 rmse 1", "v2 mae 1");
        assertThat(chart.xTicks()).extracting(PerformanceChart.Tick::label).containsExactly("2026-03-02", "2026-03-04");
        PerformanceChart.Series v1 = chart.series().get(0);
        PerformanceChart.Point monday = v1.points().get(0);
        PerformanceChart.Point wednesday = v1.points().get(1);
        assertThat(wednesday.x()).isGreaterThan(monday.x());
        assertThat(wednesday.y()).as("a larger error is drawn higher").isLessThan(monday.y());
        assertThat(v1.path())
                .isEqualTo("M" + monday.x() + " " + monday.y() + " L" + wednesday.x() + " " + wednesday.y());
        PerformanceChart.Point v2 = chart.series().get(2).points().get(0);
        assertThat(v2.x()).as("on the same day as v1's second point").isEqualTo(wednesday.x());
        assertThat(v2.title()).isEqualTo("version 2, 2026-03-04: rmse 0.3000 over 6 label(s)");
    }

    @Test
    void theLegendNamesEachVersionOnceAndGrowsTheChartWhenThereAreMany() {
        PerformanceChart two = PerformanceChart.of(
                List.of(new DailyPerformance(MONDAY, 1, 1, 1, 1), new DailyPerformance(MONDAY, 2, 1, 1, 1)));
        assertThat(two.series())
                .extracting(PerformanceChart.Series::legend)
                .containsExactly("version 1", null, "version 2", null);
        assertThat(two.height()).isEqualTo(PerformanceChart.HEIGHT);

        List<DailyPerformance> many = java.util.stream.IntStream.rangeClosed(1, 30)
                .mapToObj(v -> new DailyPerformance(MONDAY, v, 1, 1, 1))
                .toList();
        PerformanceChart chart = PerformanceChart.of(many);
        int lastLegend = chart.series().get(chart.series().size() - 2).legendY();
        assertThat(lastLegend).as("inside the chart").isLessThan(chart.height());
    }

    @Test
    void withoutLabelsThereIsNoChart() {
        assertThat(PerformanceChart.of(List.of())).isNull();
    }
}
