package dev.freshet.web.ui;

import dev.freshet.engine.run.TaskTry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every try of a run's tasks on one time axis: a row per task, a bar per try, coloured by the try's state. */
public record GanttChart(int width, int height, int labelWidth, int axisY, List<Row> rows, List<Tick> ticks) {
    static final int LABEL_WIDTH = 150;
    static final int CHART_WIDTH = 760;
    static final int ROW_HEIGHT = 24;
    static final int AXIS_HEIGHT = 22;
    private static final int TICKS = 5;

    public record Row(String taskId, int y, int textY, List<Bar> bars) {}

    public record Bar(int x, int width, String state, String title, String href) {}

    public record Tick(int x, String label) {}

    /**
     * @param tries task id to its tries, tasks in display order
     * @param hrefs "task/try" to the try's log page
     */
    static GanttChart of(Map<String, List<TaskTry>> tries, Map<String, String> hrefs, Instant now) {
        Instant start = null;
        Instant end = null;
        for (List<TaskTry> list : tries.values()) {
            for (TaskTry t : list) {
                if (t.startDate() == null) {
                    continue;
                }
                Instant e = t.endDate() == null ? now : t.endDate();
                start = start == null || t.startDate().isBefore(start) ? t.startDate() : start;
                end = end == null || e.isAfter(end) ? e : end;
            }
        }
        if (start == null) {
            return new GanttChart(0, 0, LABEL_WIDTH, 0, List.of(), List.of());
        }
        long spanMillis = Math.max(1, Duration.between(start, end).toMillis());
        List<Row> rows = new ArrayList<>();
        int y = 0;
        for (Map.Entry<String, List<TaskTry>> entry : new LinkedHashMap<>(tries).entrySet()) {
            List<Bar> bars = new ArrayList<>();
            for (TaskTry t : entry.getValue()) {
                if (t.startDate() == null) {
                    continue;
                }
                Instant e = t.endDate() == null ? now : t.endDate();
                int x = LABEL_WIDTH
                        + (int) (CHART_WIDTH
                                * Duration.between(start, t.startDate()).toMillis()
                                / spanMillis);
                int w = Math.max(3, (int)
                        (CHART_WIDTH * Duration.between(t.startDate(), e).toMillis() / spanMillis));
                String title = entry.getKey() + " try " + t.tryNumber() + ": "
                        + t.state().wireName() + ", " + Formats.duration(t.startDate(), t.endDate(), now);
                bars.add(new Bar(
                        Math.min(x, LABEL_WIDTH + CHART_WIDTH - 3),
                        w,
                        t.state().wireName(),
                        title,
                        hrefs.get(entry.getKey() + "/" + t.tryNumber())));
            }
            rows.add(new Row(entry.getKey(), y, y + ROW_HEIGHT / 2 + 4, bars));
            y += ROW_HEIGHT;
        }
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i <= TICKS; i++) {
            ticks.add(new Tick(
                    LABEL_WIDTH + CHART_WIDTH * i / TICKS,
                    i == 0 ? "0s" : "+" + Formats.duration(Duration.ofMillis(spanMillis * i / TICKS))));
        }
        return new GanttChart(LABEL_WIDTH + CHART_WIDTH + 40, y + AXIS_HEIGHT, LABEL_WIDTH, y + 14, rows, ticks);
    }
}
