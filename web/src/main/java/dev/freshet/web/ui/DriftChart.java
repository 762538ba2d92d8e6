package dev.freshet.web.ui;

import dev.freshet.engine.monitoring.DriftReport;
import dev.freshet.engine.monitoring.FeatureDrift;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Each feature's live PSI as a bar, with the validation gate's PSI threshold as a line, for an inline SVG. */
public record DriftChart(
        int width,
        int height,
        int left,
        int right,
        int bottom,
        int thresholdY,
        String threshold,
        List<Bar> bars,
        List<Tick> yTicks) {
    static final int WIDTH = 760;
    static final int HEIGHT = 220;
    static final int LEFT = 64;
    static final int RIGHT = 24;
    static final int TOP = 20;
    static final int BOTTOM = 40;

    public record Bar(
            String feature,
            int x,
            int labelX,
            int y,
            int width,
            int height,
            String psi,
            boolean drifted,
            String title) {}

    public record Tick(int y, String label) {}

    /** Null unless the report compared features. */
    static DriftChart of(DriftReport report, double psiThreshold) {
        if (report.status() != DriftReport.Status.OK || report.features().isEmpty()) {
            return null;
        }
        double max = Math.max(
                psiThreshold,
                report.features().stream()
                        .mapToDouble(FeatureDrift::psi)
                        .filter(Double::isFinite)
                        .max()
                        .orElse(0));
        max *= 1.1;
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        int n = report.features().size();
        int slot = plotWidth / n;
        int barWidth = Math.max(2, Math.min(60, slot * 2 / 3));
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            FeatureDrift f = report.features().get(i);
            double psi = Double.isFinite(f.psi()) ? Math.max(0, f.psi()) : max;
            int height = (int) Math.round(plotHeight * Math.min(psi, max) / max);
            String shown = Formats.number(f.psi());
            bars.add(new Bar(
                    f.feature(),
                    LEFT + slot * i + (slot - barWidth) / 2,
                    LEFT + slot * i + slot / 2,
                    TOP + plotHeight - height,
                    barWidth,
                    height,
                    shown,
                    f.drifted(),
                    f.feature() + ": PSI " + shown + (f.drifted() ? " (drifted)" : "")));
        }
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            ticks.add(new Tick(TOP + plotHeight * i / 4, String.format(Locale.ROOT, "%.3g", max - max * i / 4)));
        }
        int thresholdY = TOP + (int) Math.round(plotHeight * (max - psiThreshold) / max);
        return new DriftChart(
                WIDTH,
                HEIGHT,
                LEFT,
                WIDTH - RIGHT,
                HEIGHT - BOTTOM,
                thresholdY,
                Formats.number(psiThreshold),
                bars,
                ticks);
    }
}
