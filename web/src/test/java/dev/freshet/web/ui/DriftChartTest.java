package dev.freshet.web.ui;

import dev.freshet.engine.monitoring.DriftReport;
import dev.freshet.engine.monitoring.FeatureDrift;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DriftChartTest {

    @Test
    void eachFeatureIsABarAgainstTheThresholdLine() {
        DriftChart chart = DriftChart.of(report(feature("a", 0.05, false), feature("b", 1.5, true)), 0.2);

        assertThat(chart.bars()).extracting(DriftChart.Bar::feature).containsExactly("a", "b");
        DriftChart.Bar a = chart.bars().get(0);
        DriftChart.Bar b = chart.bars().get(1);
        assertThat(a.y()).as("a's top is below the line").isGreaterThan(chart.thresholdY());
        assertThat(b.y()).as("b's top is above the line").isLessThan(chart.thresholdY());
        assertThat(b.title()).isEqualTo("b: PSI 1.500 (drifted)");
        assertThat(chart.threshold()).isEqualTo("0.2000");
    }

    @Test
    void anInfinitePsiFillsThePlotAndKeepsTheScale() {
        DriftChart chart =
                DriftChart.of(report(feature("a", 0.1, false), feature("b", Double.POSITIVE_INFINITY, true)), 0.2);

        assertThat(chart.bars().get(1).y()).isEqualTo(DriftChart.TOP);
        assertThat(chart.thresholdY()).isBetween(DriftChart.TOP, chart.bottom());
    }

    @Test
    void withoutComparedFeaturesThereIsNoChart() {
        DriftReport none = new DriftReport(DriftReport.Status.NO_TRAFFIC, 1, null, 0, List.of(), 0, false, "none");
        assertThat(DriftChart.of(none, 0.2)).isNull();
    }

    private static FeatureDrift feature(String name, double psi, boolean drifted) {
        return new FeatureDrift(name, 0.1, 0.5, psi, 100, 100, drifted);
    }

    private static DriftReport report(FeatureDrift... features) {
        return new DriftReport(DriftReport.Status.OK, 1, null, 100, List.of(features), 0.5, true, null);
    }
}
